//! Reading plans (Markdown and text pasted from a PDF) and matching quoted
//! passages however they were typed or copied.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::doc::{Block, BlockKind, Document, SourceFormat};
use amend::locate::{locate, Edit};
use amend::{Amendment, AmendmentKind, Error, Op};
use unicode_normalization::UnicodeNormalization;

fn parse(text: &str) -> Document {
    Document::parse(text, SourceFormat::Auto).unwrap_or_else(|e| panic!("{e}"))
}

/// The blocks as (kind, text, page).
fn shape(d: &Document) -> Vec<(String, &str, u32)> {
    d.blocks
        .iter()
        .map(|b| {
            let k = match b.kind {
                BlockKind::Heading { level } => format!("h{level}"),
                BlockKind::Paragraph => "p".into(),
                BlockKind::ListItem => "li".into(),
                BlockKind::TableRow => "tr".into(),
            };
            (k, b.text.as_str(), b.page)
        })
        .collect()
}

fn s(kind: &str, text: &'static str, page: u32) -> (String, &'static str, u32) {
    (kind.to_string(), text, page)
}

fn amendment(id: &str, ops: Vec<Op>) -> Amendment {
    Amendment {
        id: id.into(),
        proposer: "m".into(),
        kind: AmendmentKind::Change,
        ordinal: None,
        wording: String::new(),
        ops,
        supporters: vec![],
        withdrawn: false,
        conditional: false,
        from_wording: false,
        motivation: None,
        note: None,
    }
}

fn edits(doc: &Document, op: Op) -> Result<Vec<Edit>, Vec<Error>> {
    locate(doc, &amendment("a", vec![op])).map(|(e, _)| e)
}

/// The canonical text a quote resolved to.
fn found<'d>(doc: &'d Document, quote: &str) -> &'d str {
    let e = edits(doc, Op::replace(quote, "X")).unwrap_or_else(|e| panic!("{quote:?}: {e:?}"));
    &doc.canonical[e[0].range.clone()]
}

const MARKDOWN: &str = "# Plan för lokaler\n\n## Mål\n\nVi ska ha färre\nlokaler och bättre\nkärn-\nverksamheter i förskole-\noch skolenheterna.\n\n- punkt ett\n  som fortsätter\n- punkt två\n* punkt tre\n1. numrerad punkt\n\n### Del ett ###\n\nText i del ett.\n\n## Uppföljning\n\nSista stycket.\n";

#[test]
fn markdown_blocks() {
    let d = parse(MARKDOWN);
    assert_eq!(
        shape(&d),
        vec![
            s("h1", "Plan för lokaler", 1),
            s("h2", "Mål", 1),
            s(
                "p",
                "Vi ska ha färre lokaler och bättre kärnverksamheter i förskole- och skolenheterna.",
                1
            ),
            s("li", "punkt ett som fortsätter", 1),
            s("li", "punkt två", 1),
            s("li", "punkt tre", 1),
            s("li", "numrerad punkt", 1),
            s("h3", "Del ett", 1),
            s("p", "Text i del ett.", 1),
            s("h2", "Uppföljning", 1),
            s("p", "Sista stycket.", 1),
        ]
    );
    // sections nest: "Del ett" is inside "Mål", "Uppföljning" is not
    assert_eq!(d.blocks[7].parent, Some(1));
    assert_eq!(d.blocks[9].parent, Some(0));
    assert_eq!(d.section_blocks(1), 1..9);
    assert_eq!(d.section_blocks(7), 7..9);
    // the canonical text is the blocks as Markdown, blank lines between
    // them but for the items of a list, each with its own marker
    assert!(d
        .canonical
        .starts_with("# Plan för lokaler\n\n## Mål\n\nVi ska"));
    assert!(d.canonical.contains(
        "\n\n- punkt ett som fortsätter\n- punkt två\n- punkt tre\n1. numrerad punkt\n\n"
    ));
    assert!(d.canonical.ends_with("## Uppföljning\n\nSista stycket.\n"));
    // every block's ranges point at its text in the canonical text
    for b in &d.blocks {
        assert_eq!(&d.canonical[b.text_range.clone()], b.text, "{}", b.id);
        assert!(b.range.start <= b.text_range.start && b.range.end == b.text_range.end);
    }
    // parsing the canonical text again gives the same document
    let again = parse(&d.canonical);
    assert_eq!(again.canonical, d.canonical);
    assert_eq!(again.blocks, d.blocks);
}

const PDF: &str = "Plan för lokaler\n\n1 Inledning\nKommunen ska arbeta med kärn-\nverksamheterna och förskole-\noch skolenheterna i hela\nkommunen. Arbetet gäller 2023-\n2025.\n\nBakgrund\nLokalerna är många och\ndyra att driva:\n• en punkt om skolor\nsom fortsätter här\n• en punkt om förskolor\n\nSida 1 av 3\n\u{000C}Nästa sida börjar med ett stycke\nsom löper över\n\n2 Genomförande\nTexten på sidan två.\n3 (3)\n\u{000C}4\nSista sidan har\nbara ett stycke.\n\n";

#[test]
fn pdf_text_blocks() {
    let d = parse(PDF);
    assert_eq!(
        shape(&d),
        vec![
            s("h1", "Plan för lokaler", 1),
            s("h2", "1 Inledning", 1),
            s(
                "p",
                "Kommunen ska arbeta med kärnverksamheterna och förskole- och skolenheterna i hela kommunen. Arbetet gäller 2023-2025.",
                1
            ),
            s("h3", "Bakgrund", 1),
            s("p", "Lokalerna är många och dyra att driva:", 1),
            s("li", "en punkt om skolor som fortsätter här", 1),
            s("li", "en punkt om förskolor", 1),
            s("p", "Nästa sida börjar med ett stycke som löper över", 2),
            s("h2", "2 Genomförande", 2),
            s("p", "Texten på sidan två.", 2),
            s("p", "Sista sidan har bara ett stycke.", 3),
        ]
    );
    assert_eq!(d.pages(), 3);
    // page numbers and footers are gone
    for footer in ["Sida 1", "3 (3)", "\n4\n"] {
        assert!(!d.canonical.contains(footer), "{footer:?} left in");
    }
    // "Bakgrund" is a sub-section of "1 Inledning"
    assert_eq!(d.blocks[3].parent, Some(1));
    assert_eq!(d.section_of(5).map(|b| b.text.as_str()), Some("Bakgrund"));
    assert_eq!(d.blocks[3].id, "h-bakgrund");
    assert_eq!(d.blocks[5].id, "h-bakgrund/p2");
}

#[test]
fn pdf_paragraph_runs_on_across_a_page_break() {
    let d =
        parse("Titel\n\nDet här stycket är långt och\n1\n\u{000C}fortsätter på nästa sida.\n2\n");
    assert_eq!(
        shape(&d),
        vec![
            s("h1", "Titel", 1),
            s(
                "p",
                "Det här stycket är långt och fortsätter på nästa sida.",
                1
            ),
        ]
    );
    // a sentence that ends at the page break does not run on
    let d = parse("Titel\n\nDet här stycket slutar.\n\u{000C}Nytt stycke på sidan två.\n");
    assert_eq!(d.blocks.len(), 3);
    assert_eq!(d.blocks[2].page, 2);
}

#[test]
fn the_example_plan_parses_as_its_pdf_reads() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/alingsas-ks-2023-217/plan.txt"
    ))
    .unwrap();
    let d = parse(&text);
    let headings: Vec<(u8, &str)> = d
        .blocks
        .iter()
        .filter_map(|b| b.level().map(|l| (l, b.text.as_str())))
        .collect();
    assert_eq!(
        headings,
        vec![
            (1, "Kommunkoncernövergripande ekonomisk handlingsplan"),
            (2, "1 Inledning"),
            (2, "2 Förutsättningar"),
            (2, "3 Åtgärder"),
            (3, "Samordningsvinster inom och utanför kommunkoncernen"),
            (3, "Koncernbidrag och utdelning från Alingsås Energi"),
            (3, "Nämndbuffertar mot oförutsedda kostnader"),
            (3, "Effektivisera den politiska målstyrningen"),
            (3, "Genomlysningar och metod för ständiga förbättringar"),
            (3, "Lokaleffektivitet"),
            (3, "Aktieägartillskott till Alingsåshem lokaler AB"),
            (2, "4 Uppföljning och genomförande"),
        ]
    );
    assert_eq!(d.pages(), 5);
    let c = &d.canonical;
    // words hyphenated at a line end are joined, real hyphens kept
    for joined in [
        "kommunkoncernen kan användas",
        "Kommunledningskontoret föreslår att ytterligare",
        "ett helhetsperspektiv",
        "de föreslagna förbättringarna",
        "kompensera verksamheterna fullt ut",
    ] {
        assert!(c.contains(joined), "{joined}");
    }
    for kept in ["drifts- och kapitalkostnader", "ny- och ombyggnationer"] {
        assert!(c.contains(kept), "{kept}");
    }
    // paragraphs broken by a page break run on
    assert!(c.contains("på ett ändamålsenligt sätt"));
    assert!(c.contains("ramprogram för förskolor och skolor slutförs"));
    let bullets = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .count();
    assert_eq!(bullets, 9);
    let page_of = |start: &str| {
        d.blocks
            .iter()
            .find(|b| b.text.starts_with(start))
            .map(|b| b.page)
    };
    assert_eq!(page_of("Nämndbuffertar"), Some(3));
    assert_eq!(page_of("Effektivisera"), Some(4));
    assert_eq!(page_of("Ett samlat och tydligt mål"), Some(4));
    assert_eq!(page_of("Ramprogrammet ska kopplas"), Some(5));
}

#[test]
fn explicit_format_overrides_detection() {
    // a text with a "# " line is Markdown unless told otherwise
    let text = "Titel\n\n# inte en rubrik här\nmen text.\n";
    let md = Document::parse(text, SourceFormat::Markdown).unwrap();
    assert!(md
        .blocks
        .iter()
        .any(|b| b.level() == Some(1) && b.text == "inte en rubrik här"));
    let plain = Document::parse(text, SourceFormat::Text).unwrap();
    assert!(plain.blocks.iter().all(|b| b.text != "inte en rubrik här"));
}

#[test]
fn windows_line_ends_read_like_unix_ones() {
    let unix = parse(MARKDOWN);
    let windows = parse(&MARKDOWN.replace('\n', "\r\n"));
    assert_eq!(windows.canonical, unix.canonical);
    assert_eq!(windows.blocks, unix.blocks);
}

#[test]
fn nfc_and_nfd_give_identical_documents_and_matches() {
    for text in [MARKDOWN, PDF] {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        assert_ne!(nfc, nfd, "the sample must have å, ä or ö");
        let a = parse(&nfc);
        let b = parse(&nfd);
        assert_eq!(a.canonical, b.canonical);
        assert_eq!(a.blocks, b.blocks);
        let blocks: &[Block] = &a.blocks;
        assert!(blocks.iter().any(|b| b.text.contains('ö')));
    }
    let nfc_doc = parse(&MARKDOWN.nfc().collect::<String>());
    let nfd_doc = parse(&MARKDOWN.nfd().collect::<String>());
    let quote = "färre lokaler och bättre kärnverksamheter";
    let heading = "Uppföljning";
    for doc in [&nfc_doc, &nfd_doc] {
        for q in [
            quote.nfc().collect::<String>(),
            quote.nfd().collect::<String>(),
        ] {
            let e = edits(doc, Op::replace(&q, "fler lokaler")).unwrap();
            let want = edits(&nfc_doc, Op::replace(quote, "fler lokaler")).unwrap();
            assert_eq!(e, want);
            assert_eq!(&doc.canonical[e[0].range.clone()], quote);
        }
        for h in [
            heading.nfc().collect::<String>(),
            heading.nfd().collect::<String>(),
        ] {
            let e = edits(doc, Op::delete_section(&h)).unwrap();
            let want = edits(&nfc_doc, Op::delete_section(heading)).unwrap();
            assert_eq!(e, want);
        }
    }
    // a replacement typed in NFD is stored in NFC
    let e = edits(
        &nfc_doc,
        Op::replace(quote, &"större lokaler".nfd().collect::<String>()),
    )
    .unwrap();
    assert_eq!(e[0].insert, "större lokaler");
}

#[test]
fn quote_style_does_not_matter() {
    let typographic = parse("# Plan\n\nNytta för varje ”skattekrona” och ’öre’ – varje år.\n");
    let straight = parse("# Plan\n\nNytta för varje \"skattekrona\" och 'öre' - varje år.\n");
    let quotes = [
        "varje \"skattekrona\"",
        "varje ”skattekrona”",
        "varje “skattekrona”",
        "varje „skattekrona“",
        "varje »skattekrona»",
    ];
    for q in quotes {
        assert_eq!(found(&typographic, q), "varje ”skattekrona”", "{q:?}");
        assert_eq!(found(&straight, q), "varje \"skattekrona\"", "{q:?}");
    }
    for q in ["'öre' – varje", "’öre’ - varje", "‘öre’ — varje"] {
        assert_eq!(found(&typographic, q), "’öre’ – varje", "{q:?}");
        assert_eq!(found(&straight, q), "'öre' - varje", "{q:?}");
    }
    // a quote wrapped in quotation marks of any style: the marks are not part
    // of the passage
    let d = parse("# Plan\n\nVi ska ha färre lokaler.\n");
    assert_eq!(found(&d, "”färre lokaler”"), "färre lokaler");
    assert_eq!(found(&d, "\"färre lokaler”"), "färre lokaler");
    assert_eq!(found(&d, "«färre lokaler»"), "färre lokaler");
    // but marks the plan has are kept when the quote has them inside
    assert_eq!(
        found(&straight, "\"varje \"skattekrona\" och\""),
        "varje \"skattekrona\" och"
    );
}

#[test]
fn quote_copied_from_a_pdf_matches() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/alingsas-ks-2023-217/plan.txt"
    ))
    .unwrap();
    let d = parse(&text);
    // line breaks where the PDF wrapped, a word hyphenated at a line end,
    // extra spaces and a Windows line end
    let quote = "om hur resurserna inom kommun-\r\n   koncernen kan användas på\nbästa   sätt";
    assert_eq!(
        found(&d, quote),
        "om hur resurserna inom kommunkoncernen kan användas på bästa sätt"
    );
    // a hyphen that belongs to the text stays ("förskole- och")
    let d2 = parse("# Plan\n\nDe mindre förskole- och skolenheterna på landsbygden.\n");
    assert_eq!(
        found(&d2, "mindre förskole-\noch skolenheterna"),
        "mindre förskole- och skolenheterna"
    );
    // a soft hyphen and a non-breaking space from the PDF do not matter
    assert_eq!(
        found(&d, "kärn\u{00AD}verksamheter,\u{00A0}ha en"),
        "kärnverksamheter, ha en"
    );
    // the minutes' own quote of V's second proposal, as printed
    let v2 = "\"Förslagsvis har Alingsås kommun ett övergripande mål om att vara Sveriges mest \neffektiva kommun. Det innebär att vi ska ha goda resultat och hög kvalitet inom alla \nkärnverksamheter, ha en ändamålsenlig myndighetsutövning, samtidigt som vi håller nere \nkostnaderna”";
    assert!(found(&d, v2).starts_with("Förslagsvis har Alingsås kommun"));
    // never inside a word
    let d3 = parse("# Plan\n\nDriftkostnaderna ska ned.\n");
    let err = edits(&d3, Op::delete("kostnaderna ska ned")).unwrap_err();
    assert_eq!(err[0].code(), "quote_not_found");
}

#[test]
fn heading_lookup_ignores_case_and_section_numbers() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/alingsas-ks-2023-217/plan.txt"
    ))
    .unwrap();
    let d = parse(&text);
    let index = |t: &str| d.blocks.iter().position(|b| b.text == t).unwrap();
    let inledning = index("1 Inledning");
    let lokal = index("Lokaleffektivitet");
    for q in [
        "Inledning",
        "inledning",
        "INLEDNING",
        "1 Inledning",
        "1. Inledning",
        "  1  inledning ",
        "”Inledning”",
        "Inledning:",
    ] {
        assert_eq!(d.find_headings(q), vec![inledning], "{q:?}");
    }
    for q in [
        "Lokaleffektivitet",
        "3.6 Lokaleffektivitet",
        "LOKALEFFEKTIVITET",
    ] {
        assert_eq!(d.find_headings(q), vec![lokal], "{q:?}");
    }
    let nfd: String = "NÄMNDBUFFERTAR MOT OFÖRUTSEDDA KOSTNADER".nfd().collect();
    assert_eq!(
        d.find_headings(&nfd),
        vec![index("Nämndbuffertar mot oförutsedda kostnader")]
    );
    // only whole headings match
    assert!(d.find_headings("Lokal").is_empty());
    assert!(d.find_headings("Inledningen").is_empty());
    // a paragraph is not a heading
    assert!(d
        .find_headings("Arbetet följs upp på följande sätt:")
        .is_empty());
    // the same lookup drives operations
    let e = edits(&d, Op::delete_section("3.6 lokaleffektivitet")).unwrap();
    assert_eq!(e[0].blocks.start, lokal);
}

#[test]
fn a_number_that_is_part_of_the_heading_tells_headings_apart() {
    let d = parse("# Budget\n\n## 2023 års budget\n\nText.\n\n## 2024 års budget\n\nText.\n");
    assert_eq!(d.find_headings("2024 års budget"), vec![3]);
    assert_eq!(d.find_headings("2023 års budget"), vec![1]);
    // without the number both are meant, and the lookup says so
    assert_eq!(d.find_headings("års budget"), vec![1, 3]);
    let err = edits(&d, Op::delete_section("års budget")).unwrap_err();
    assert_eq!(err[0].code(), "heading_ambiguous");
}

#[test]
fn hyphens_that_belong_to_the_text_are_kept_at_a_line_end() {
    let d = parse(
        "Titel\n\nI korthet,\nplanen gäller 2023–\n2025 och hela 2020-\ntalet. Alla IT-\nsystem och e-\ntjänster ses över, liksom förskole-\noch skolenheterna och kärn-\nverksamheterna.\n",
    );
    assert_eq!(
        d.blocks[1].text,
        "I korthet, planen gäller 2023–2025 och hela 2020-talet. Alla IT-system och e-tjänster ses över, liksom förskole- och skolenheterna och kärnverksamheterna."
    );
    // a dash after a space is a dash, not a compound
    let d2 = parse("Titel\n\nKostnaderna ökar –\nvilket märks.\n");
    assert_eq!(d2.blocks[1].text, "Kostnaderna ökar – vilket märks.");
    // the same quoted from the PDF, or typed
    for q in [
        "gäller 2023–\n2025 och hela 2020-\ntalet",
        "gäller 2023-2025 och hela 2020-talet",
    ] {
        assert_eq!(
            found(&d, q),
            "gäller 2023–2025 och hela 2020-talet",
            "{q:?}"
        );
    }
    for q in [
        "Alla IT-\nsystem och e-\ntjänster",
        "Alla IT-system och e-tjänster",
    ] {
        assert_eq!(found(&d, q), "Alla IT-system och e-tjänster", "{q:?}");
    }
}

#[test]
fn quote_with_several_hyphenated_line_ends_in_a_row() {
    let d =
        parse("# Plan\n\nResurserna inom kommunkoncernen och verksamheterna ska användas väl.\n");
    let quote = "inom kommun-\nkoncernen och verk-\nsam-\nheterna ska";
    assert_eq!(
        found(&d, quote),
        "inom kommunkoncernen och verksamheterna ska"
    );
}

/// A hard-wrapped paragraph whose first line is short enough to pass for a
/// heading and whose second line starts with a name is still a paragraph:
/// the name would not have fitted on the first line.
#[test]
fn wrapped_paragraph_is_not_taken_for_a_heading() {
    let text = "Plan för lokaler\n\n\
1 Lokalförsörjning\n\
Kommunen ska under de kommande åren samordna lokalförsörjningen inom\n\
kommunkoncernen så att ytorna används effektivt och kostnaderna hålls nere.\n\n\
Lokaler för skola\n\
Skolans lokaler ska planeras utifrån elevprognoserna och ska i första hand\n\
samnyttjas med fritidsverksamheten och föreningslivet under kvällar och helger.\n\n\
Arbetet ska ske i nära samverkan med det kommunala fastighetsbolaget\n\
Alingsåshem och med övriga bolag som äger eller hyr ut verksamhetslokaler.\n\n\
Lokaler för omsorg\n\
Behovet av lokaler för äldreomsorgen ökar under planperioden och ska mötas\n\
genom att befintliga lokaler byggs om innan nya lokaler byggs eller hyrs in.\n\n\
2 Uppföljning\n\
Arbetet följs upp årligen i samband med budgetarbetet och årsredovisningen.\n";
    let d = parse(text);
    let headings: Vec<&str> = d
        .blocks
        .iter()
        .filter(|b| b.level().is_some())
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Plan för lokaler",
            "1 Lokalförsörjning",
            "Lokaler för skola",
            "Lokaler för omsorg",
            "2 Uppföljning"
        ]
    );
    assert!(d.blocks.iter().any(|b| b.kind == BlockKind::Paragraph
        && b.text
            == "Arbetet ska ske i nära samverkan med det kommunala fastighetsbolaget Alingsåshem och med övriga bolag som äger eller hyr ut verksamhetslokaler."));
    // so deleting the section takes both of its paragraphs
    let e = edits(&d, Op::delete_section("Lokaler för skola")).unwrap();
    let gone = &d.canonical[e[0].range.clone()];
    assert!(
        gone.contains("Skolans lokaler") && gone.contains("Alingsåshem"),
        "{gone}"
    );
    assert!(!gone.contains("omsorg"), "{gone}");
}

#[test]
fn bullets_after_a_tab_or_alone_on_their_line() {
    let d = parse(
        "Titel\n\nLokalerna ska:\n•\tsamnyttjas med föreningslivet\n•\nbyggas om innan\nnya byggs\n-\u{00A0}hyras ut sist\n• \n",
    );
    assert_eq!(
        shape(&d),
        vec![
            s("h1", "Titel", 1),
            s("p", "Lokalerna ska:", 1),
            s("li", "samnyttjas med föreningslivet", 1),
            s("li", "byggas om innan nya byggs", 1),
            s("li", "hyras ut sist", 1),
        ]
    );
    // the same in Markdown
    let md = parse("# Titel\n\n-\tett\n*\ttvå\n1.\ttre\n");
    assert_eq!(
        shape(&md),
        vec![
            s("h1", "Titel", 1),
            s("li", "ett", 1),
            s("li", "två", 1),
            s("li", "tre", 1),
        ]
    );
    // a hyphen or a number that does not start an item
    let d = parse("Titel\n\n-5 grader och 2.5 procent är\n-inte punkter.\n");
    assert_eq!(d.blocks.len(), 2);
    assert_eq!(d.blocks[1].kind, BlockKind::Paragraph);
}

#[test]
fn markdown_heading_closing_hashes() {
    let d = parse("# Plan ##\n\n## Satsning på C#\n\nText.\n\n### Mål ###\n\nText.\n");
    let headings: Vec<&str> = d
        .blocks
        .iter()
        .filter(|b| b.level().is_some())
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(headings, ["Plan", "Satsning på C#", "Mål"]);
    assert_eq!(parse(&d.canonical).blocks, d.blocks);
}
