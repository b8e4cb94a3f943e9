#![cfg(feature = "formats")]
#![cfg(not(target_arch = "wasm32"))]
//! The PDF reader on PDFs made by LibreOffice (tests/plans/make-pdf.sh), on
//! broken and unusual files, and on pdftohtml XML written by hand.

use amend::doc::{BlockKind, Document, SourceFormat};
use amend::plan::pdf::{
    from_pdftohtml_xml, read_pdf, read_pdf_file, read_pdf_with_tool, PdfError, MAX_FILE_BYTES,
};
use std::path::PathBuf;

fn plans() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/plans")
}

fn read(name: &str) -> amend::plan::pdf::Read {
    read_pdf_file(&plans().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

// ---------------------------------------------------------------------------
// The features plan

#[test]
fn headings_keep_their_numbers_and_levels() {
    let r = read("pdf-features.pdf");
    let headings: Vec<&str> = lines(&r.text)
        .into_iter()
        .filter(|l| l.starts_with('#'))
        .collect();
    assert_eq!(
        headings,
        [
            "# Plan för lokaler och service",
            "## 1. Inledning",
            "## 2. Mål",
            "## 3. Åtgärder",
            "### 3.1 Samordning",
            "### 3.2 Lokaler",
            "## 4. Uppföljning",
        ],
        "{}",
        r.text
    );
}

#[test]
fn list_markers_are_kept_and_bullets_nest() {
    let r = read("pdf-features.pdf");
    let want = "Planen har tre mål:\n\n\
                1. Lokalerna ska användas effektivt.\n\
                2. Servicen ska finnas nära invånarna.\n\
                3. Kostnaderna ska hållas inom ramen.\n\n\
                Nämnden ska därför:\n\n\
                a) Spara på lokalkostnaderna.\n\
                b) Samordna servicen.\n\n";
    assert!(r.text.contains(want), "{}", r.text);
    let bullets = "Samordningen omfattar flera områden:\n\n\
                   - Lokaler\n  - skolor\n  - förskolor\n- Service\n\n";
    assert!(r.text.contains(bullets), "{}", r.text);
}

#[test]
fn running_header_and_page_numbers_go_a_content_number_stays() {
    let r = read("pdf-features.pdf");
    assert_eq!(r.pages, 3);
    assert!(!r.text.contains("Testkommunen"), "{}", r.text);
    for l in lines(&r.text) {
        assert!(
            !["1", "2", "3"].contains(&l.trim()),
            "page number left: {l:?}"
        );
    }
    // the table's last row holds a lone number: content, not a page number
    let table = "| Post | Belopp |\n| --- | --- |\n| Hyror | 3000 |\n| Drift | 1500 |\n|  | 4500 |";
    assert!(r.text.contains(table), "{}", r.text);
    assert!(
        r.notes.iter().any(|n| n.message_sv().contains("sidnummer")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes.iter().any(|n| n.message().contains("Testkommunen")),
        "{:?}",
        r.notes
    );
}

#[test]
fn hyphenated_line_ends_are_joined() {
    let r = read("pdf-features.pdf");
    // "kärn-" ends a line by a line break; the others broke at soft hyphens
    for word in [
        "kärnverksamheter",
        "serviceutbudet",
        "förskoleverksamheten",
        "äldreomsorgen",
    ] {
        assert!(r.text.contains(word), "{word} missing:\n{}", r.text);
    }
    assert!(!r.text.contains("kärn-") && !r.text.contains('\u{AD}'));
}

/// The text of the first line of page `page` (1-based) below its running
/// header, as pdftohtml gives it.
fn first_body_line(pdf: &str, page: usize) -> String {
    let out = std::process::Command::new("pdftohtml")
        .args(["-xml", "-i", "-stdout", "-enc", "UTF-8"])
        .arg(plans().join(pdf))
        .output()
        .expect("pdftohtml runs (install poppler-utils)");
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let page_xml = xml.split("<page ").nth(page).expect("the page");
    let texts: Vec<&str> = page_xml
        .split("<text ")
        .skip(1)
        .map(|t| t.split('>').nth(1).unwrap_or("").trim_end_matches("</text"))
        .collect();
    texts[1].to_string()
}

#[test]
fn a_paragraph_runs_on_over_a_page_break() {
    let r = read("pdf-features.pdf");
    // the PDF's third page starts inside a paragraph
    let first = first_body_line("pdf-features.pdf", 3);
    let openings = [
        "Uppföljningen av",
        "Varje verksamhet",
        "Lokalförsörjningen följs",
    ];
    assert!(!openings.iter().any(|o| first.starts_with(o)), "{first}");
    let doc = Document::parse(&r.text, SourceFormat::Pdf).unwrap();
    let paras: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| openings.iter().any(|o| b.text.starts_with(o)))
        .collect();
    assert_eq!(paras.len(), 18, "{}", r.text);
    for b in &paras {
        assert!(b.text.ends_with('.'), "{:?}", b.text);
        assert_eq!(
            b.text.matches(". ").count(),
            0,
            "two paragraphs in one: {:?}",
            b.text
        );
    }
    let straddling = paras
        .iter()
        .find(|b| b.text.contains(first.trim()))
        .unwrap();
    assert_eq!(straddling.page, 2, "{:?}", straddling.text);
    assert_eq!(r.text.matches('\u{000C}').count(), 2);
    assert_eq!(doc.pages(), 3);
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.page == 2 && b.text == "4. Uppföljning"));
}

// ---------------------------------------------------------------------------
// The Alingsås example plan

/// The words of a block text, for comparing texts wrapped differently.
fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn alingsas_pdf_gives_the_example_plan() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let plan_txt =
        std::fs::read_to_string(root.join("examples/alingsas-ks-2023-217/plan.txt")).unwrap();
    let want = Document::parse(&plan_txt, SourceFormat::Text).unwrap();
    let r = read("alingsas.pdf");
    assert!(r.pages >= 4, "{} pages", r.pages);
    assert!(!r.text.contains("Alingsås kommun · Sida"), "{}", r.text);
    let got = Document::parse(&r.text, SourceFormat::Pdf).unwrap();
    let kind = |k: &BlockKind| match k {
        BlockKind::Heading { level } => format!("h{level}"),
        BlockKind::ListItem => "li".to_string(),
        _ => "p".to_string(),
    };
    for (i, w) in want.blocks.iter().enumerate() {
        let g = got
            .blocks
            .get(i)
            .unwrap_or_else(|| panic!("block {i} missing: {:?}\n{}", w.text, r.text));
        assert_eq!(words(&g.text), words(&w.text), "block {i}");
        assert_eq!(kind(&g.kind), kind(&w.kind), "block {i}: {:?}", w.text);
    }
    assert_eq!(got.blocks.len(), want.blocks.len(), "{}", r.text);
}

// ---------------------------------------------------------------------------
// Bad inputs

#[test]
fn not_a_pdf() {
    let e = read_pdf(b"PK\x03\x04 a zip file, not a PDF").unwrap_err();
    assert!(matches!(e, PdfError::NotPdf), "{e}");
    assert_eq!(e.code(), "not_pdf");
    assert!(e.message_sv().contains("%PDF-"));
    assert!(matches!(read_pdf(b""), Err(PdfError::NotPdf)));
}

#[test]
fn a_truncated_pdf_is_damaged() {
    let e = read_pdf_file(&plans().join("pdf-truncated.pdf")).unwrap_err();
    assert!(matches!(e, PdfError::Corrupt { .. }), "{e}");
    assert_eq!(e.code(), "pdf_corrupt");
    // poppler's own words say what is wrong
    assert!(e.to_string().contains("xref"), "{e}");
}

#[test]
fn an_encrypted_pdf_is_named() {
    let e = read_pdf_file(&plans().join("pdf-encrypted.pdf")).unwrap_err();
    assert!(matches!(e, PdfError::Encrypted), "{e}");
    assert!(e.message_sv().contains("krypterad"));
}

#[test]
fn a_pdf_that_forbids_copying_is_named() {
    let e = read_pdf_file(&plans().join("pdf-no-copy.pdf")).unwrap_err();
    assert!(matches!(e, PdfError::Encrypted), "{e}");
}

#[test]
fn a_missing_file_is_unreadable_not_damaged() {
    let e = read_pdf_file(&plans().join("no-such-file.pdf")).unwrap_err();
    assert!(matches!(e, PdfError::Unreadable { .. }), "{e}");
    assert!(e.to_string().contains("no-such-file.pdf"), "{e}");
}

#[test]
fn a_scan_has_no_text() {
    let e = read_pdf_file(&plans().join("pdf-image-only.pdf")).unwrap_err();
    assert!(matches!(e, PdfError::NoText { pages: 1 }), "{e}");
    assert!(e.message_sv().contains("OCR"));
}

#[test]
fn too_large_is_refused_before_reading() {
    // a sparse file: its size is set, nothing written
    let path = std::env::temp_dir().join(format!("amend-large-{}.pdf", std::process::id()));
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
    drop(f);
    let e = read_pdf_file(&path).unwrap_err();
    let _ = std::fs::remove_file(&path);
    let limits = match e {
        PdfError::TooLarge { bytes, max } => Some((bytes, max)),
        _ => None,
    };
    assert_eq!(limits, Some((MAX_FILE_BYTES + 1, MAX_FILE_BYTES)));
    // bytes in memory: a zeroed allocation, never touched
    let big = vec![0u8; MAX_FILE_BYTES + 1];
    assert!(matches!(read_pdf(&big), Err(PdfError::TooLarge { .. })));
}

#[test]
fn missing_tool_says_what_to_install() {
    let pdf = std::fs::read(plans().join("pdf-features.pdf")).unwrap();
    let e = read_pdf_with_tool(&pdf, "/nonexistent/pdftohtml".as_ref()).unwrap_err();
    assert!(matches!(e, PdfError::ToolMissing), "{e}");
    assert!(e.message_sv().contains("poppler-utils"));
    assert!(e.to_string().contains("poppler-utils"));
}

#[test]
fn garbage_after_a_header_is_an_error_not_a_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..8 {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        for _ in 0..(round * 300) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push(seed as u8);
        }
        let r = read_pdf(&bytes);
        assert!(r.is_err(), "round {round}: {r:?}");
    }
}

// ---------------------------------------------------------------------------
// The pure parser, on XML written by hand

/// pdftohtml XML: pages of `(top, left, font, text)` chunks; font 0 is body
/// text (16 px), 1 a section heading (23 px), 2 the title (30 px), 3 a
/// footer (12 px). Widths are estimated at 8 px a letter.
fn xml(pages: &[Vec<(u32, u32, u32, &str)>]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE pdf2xml SYSTEM \"pdf2xml.dtd\">\n\
         <pdf2xml producer=\"poppler\" version=\"22.12.0\">\n",
    );
    for (i, chunks) in pages.iter().enumerate() {
        x.push_str(&format!(
            "<page number=\"{}\" position=\"absolute\" top=\"0\" left=\"0\" height=\"1262\" width=\"892\">\n",
            i + 1
        ));
        if i == 0 {
            for (id, size) in [(0, 16), (1, 23), (2, 30), (3, 12)] {
                x.push_str(&format!(
                    "<fontspec id=\"{id}\" size=\"{size}\" family=\"DejaVuSerif\" color=\"#000000\"/>\n"
                ));
            }
        }
        for &(top, left, font, text) in chunks {
            let height = [20, 29, 39, 16][font as usize];
            let width = text.chars().count() * 8;
            x.push_str(&format!(
                "<text top=\"{top}\" left=\"{left}\" width=\"{width}\" height=\"{height}\" font=\"{font}\">{text}</text>\n"
            ));
        }
        x.push_str("</page>\n");
    }
    x.push_str("</pdf2xml>\n");
    x
}

#[test]
fn pure_parser_reads_hand_written_xml() {
    let page1 = vec![
        (110, 107, 2, "<b>Plan för skolan</b>"),
        (180, 107, 1, "<b>1 Inledning</b>"),
        (220, 107, 0, "Skolan ska ge goda resultat inom alla kärn-"),
        (
            238,
            107,
            0,
            "verksamheter och hålla kostnaderna &amp; ramarna",
        ),
        (256, 107, 0, "inom budgeten."),
        (300, 107, 0, "<b>Lokaler</b>"),
        (320, 107, 0, "Lokalerna räcker."),
        (350, 145, 0, "• Skolor"),
        (370, 170, 0, "– klassrum"),
        (390, 145, 0, "1) Förskolor"),
        (1150, 107, 0, "Summa kostnader"),
        (1170, 700, 0, "4500"),
        (1200, 420, 3, "Sida 1 (3)"),
    ];
    let page2 = vec![
        (64, 107, 3, "Plan för skolan 2024"),
        (110, 107, 0, "Andra sidan börjar med ett nytt stycke."),
        (
            160,
            107,
            0,
            "Ett stycke som löper över och fortsätter på nästa sida, med en första rad som är lång",
        ),
        (1200, 420, 3, "Sida 2 (3)"),
    ];
    let page3 = vec![
        (64, 107, 3, "Plan för skolan 2024"),
        (110, 107, 0, "och till nästa sida."),
        (1200, 420, 3, "Sida 3 (3)"),
    ];
    let r = from_pdftohtml_xml(&xml(&[page1, page2, page3])).unwrap();
    let want = "# Plan för skolan\n\n\
                ## 1 Inledning\n\n\
                Skolan ska ge goda resultat inom alla kärnverksamheter och hålla \
                kostnaderna & ramarna inom budgeten.\n\n\
                ### Lokaler\n\n\
                Lokalerna räcker.\n\n\
                - Skolor\n  - klassrum\n1) Förskolor\n\n\
                Summa kostnader\n\n\
                4500\n\n\u{000C}\n\n\
                Andra sidan börjar med ett nytt stycke.\n\n\
                Ett stycke som löper över och fortsätter på nästa sida, \
                med en första rad som är lång och till nästa sida.\n";
    assert_eq!(r.pages, 3);
    assert_eq!(r.text, want, "{:?}", r.notes);
    assert_eq!(r.notes.len(), 2, "{:?}", r.notes);
}

#[test]
fn pure_parser_refuses_what_is_not_pdftohtml_xml() {
    let bad = from_pdftohtml_xml("<pdf2xml><page><text>unclosed</page>").unwrap_err();
    assert!(matches!(bad, PdfError::Corrupt { .. }), "{bad}");
    let none = from_pdftohtml_xml("<pdf2xml></pdf2xml>").unwrap_err();
    assert!(matches!(none, PdfError::Corrupt { .. }), "{none}");
    let blank = xml(&[vec![], vec![(100, 100, 0, "  ")]]);
    assert!(matches!(
        from_pdftohtml_xml(&blank),
        Err(PdfError::NoText { pages: 2 })
    ));
}

#[test]
fn pure_parser_tells_tab_set_bullets_from_a_table() {
    // Word sets a bullet off by a tab: the bullet and its text are two
    // pieces, far apart, as table cells are
    let page = vec![
        (100, 107, 0, "Vi ska:"),
        (130, 125, 0, "•"),
        (130, 155, 0, "spara,"),
        (150, 125, 0, "•"),
        (150, 155, 0, "samordna."),
        (190, 107, 0, "<b>Post</b>"),
        (190, 400, 0, "<b>Belopp</b>"),
        (210, 107, 0, "Hyror"),
        (210, 400, 0, "3 000"),
        (230, 400, 0, "4 500"),
        (270, 107, 0, "Klart."),
    ];
    let r = from_pdftohtml_xml(&xml(&[page])).unwrap();
    let want = "Vi ska:\n\n- spara,\n- samordna.\n\n\
                | Post | Belopp |\n| --- | --- |\n| Hyror | 3 000 |\n|  | 4 500 |\n\n\
                Klart.\n";
    assert_eq!(r.text, want);
}

#[test]
fn a_paragraph_that_looks_like_markup_stays_a_paragraph() {
    let page = vec![
        (110, 107, 2, "<b>Plan</b>"),
        (180, 107, 0, "Inledande text om planen."),
        (
            220,
            107,
            0,
            "# 3 är numret på det ärende som gäller planen.",
        ),
    ];
    let r = from_pdftohtml_xml(&xml(&[page])).unwrap();
    let d = Document::parse(&r.text, SourceFormat::Pdf).unwrap();
    let texts: Vec<(BlockKind, &str)> =
        d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        texts[1..],
        [
            (BlockKind::Paragraph, "Inledande text om planen."),
            (
                BlockKind::Paragraph,
                "# 3 är numret på det ärende som gäller planen."
            ),
        ],
        "{}",
        r.text
    );
}

/// The stretches `marks` cover in `text`, with their emphasis ("b", "i",
/// "bi").
fn marked(r: &amend::plan::pdf::Read) -> Vec<(&str, &'static str)> {
    r.marks
        .iter()
        .map(|m| (&r.text[m.range.clone()], m.em.code()))
        .collect()
}

#[test]
fn bold_and_italic_words_in_body_text_are_marked_a_headings_type_is_not() {
    let page = vec![
        (110, 107, 2, "<b>Plan för skolan</b>"),
        // a bold heading of body size, followed by body text
        (180, 107, 0, "<b>Lokaler</b>"),
        // one <text> element, partly bold and italic
        (
            220,
            107,
            0,
            "Kommunen ska <b>spara pengar</b> och <i>satsa</i> på",
        ),
        // a word hyphenated at the line end inside a bold run
        (238, 107, 0, "skolan inom alla <b>kärn-</b>"),
        (256, 107, 0, "<b>verksamheter och</b> lokaler."),
        (300, 107, 0, "• Minska <b><i>kostnaderna</i></b> snabbt."),
        (340, 107, 0, "<b>Hela stycket är fetstilt.</b>"),
        (380, 107, 0, "Sista stycket."),
    ];
    let r = from_pdftohtml_xml(&xml(&[page])).unwrap();
    let want = "# Plan för skolan\n\n\
                ## Lokaler\n\n\
                Kommunen ska spara pengar och satsa på skolan inom alla \
                kärnverksamheter och lokaler.\n\n\
                - Minska kostnaderna snabbt.\n\n\
                Hela stycket är fetstilt.\n\n\
                Sista stycket.\n";
    assert_eq!(r.text, want);
    assert_eq!(
        marked(&r),
        [
            ("spara pengar", "b"),
            ("satsa", "i"),
            ("kärnverksamheter och", "b"),
            ("kostnaderna", "bi"),
            ("Hela stycket är fetstilt.", "b"),
        ]
    );
    // the marks are where the plan model keeps them
    let mut d = Document::parse(&r.text, SourceFormat::Pdf).unwrap();
    assert_eq!(d.canonical, r.text);
    d.set_marks(&r.marks);
    assert_eq!(d.marks, r.marks);
}

#[test]
fn italic_by_the_fonts_name_and_a_line_of_bold_chunks() {
    let x = "<pdf2xml><page number=\"1\" height=\"1262\" width=\"892\">\
             <fontspec id=\"0\" size=\"16\" family=\"Times\"/>\
             <fontspec id=\"1\" size=\"16\" family=\"Times-Italic\"/>\
             <fontspec id=\"2\" size=\"16\" family=\"Times-Bold\"/>\
             <text top=\"100\" left=\"100\" width=\"100\" height=\"20\" font=\"0\">Det här är </text>\
             <text top=\"100\" left=\"200\" width=\"60\" height=\"20\" font=\"1\">lutande</text>\
             <text top=\"100\" left=\"260\" width=\"40\" height=\"20\" font=\"0\"> och </text>\
             <text top=\"100\" left=\"300\" width=\"40\" height=\"20\" font=\"2\">fet</text>\
             <text top=\"100\" left=\"346\" width=\"40\" height=\"20\" font=\"2\">text</text>\
             <text top=\"100\" left=\"386\" width=\"10\" height=\"20\" font=\"0\">.</text>\
             </page></pdf2xml>";
    let r = from_pdftohtml_xml(x).unwrap();
    assert_eq!(r.text, "Det här är lutande och fet text.\n");
    // the space put between two bold pieces is bold with them
    assert_eq!(marked(&r), [("lutande", "i"), ("fet text", "b")]);
}
