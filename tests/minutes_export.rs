//! The minutes as files for the protocol (`export::minutes`): the HTML page
//! and the Word document of the Alingsås case, with a voteringslista and as
//! a draft. The Word document is read back by LibreOffice: what a secretary
//! opening it sees, not only the XML we wrote.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use amend::export::minutes::{docx, html};
use amend::minutes::{minutes, Minutes};
use amend::procedure::{decide, Ballot, Choice, RollCall, Round};
use amend::render::{escape_html, Lang};
use amend::Case;
use common::{convert, document_xml, parts, soffice, TempDir};

fn example() -> Case {
    Case::from_json(include_str!("../examples/alingsas-ks-2023-217/case.json")).unwrap()
}

/// The example with a board of 15 (fictional but for the three proposers)
/// and a roll call on Emily Munter's second amendment, which the working
/// committee's proposal still wins: 10 ja, 4 nej, 1 avstår.
fn with_roll_call() -> Case {
    let mut c = common::example_with_board();
    c.meeting.date = Some("2023-10-16".into());
    let ja = ["m1", "m2", "m3", "s1", "s2", "s3", "s4", "kd", "l1", "sd1"];
    let nej = ["aa", "em", "sd2", "ap"];
    let mut ballots: Vec<Ballot> = Vec::new();
    for (ids, vote) in [
        (&ja[..], Choice::Ja),
        (&nej[..], Choice::Nej),
        (&["hha"][..], Choice::Avstar),
    ] {
        ballots.extend(ids.iter().map(|m| Ballot {
            member: m.to_string(),
            vote,
        }));
    }
    let v2 = c
        .procedure
        .propositions
        .iter_mut()
        .find(|p| p.alternatives.iter().any(|a| a == "v2"))
        .unwrap();
    v2.roll_call = Some(RollCall {
        demanded_by: vec!["em".into()],
        preliminary: vec![],
        main: Round {
            ballots,
            ..Round::default()
        },
    });
    c
}

/// The example with the C addition never put to the meeting: a draft.
fn draft() -> Case {
    let mut c = example();
    c.procedure
        .propositions
        .retain(|p| p.alternatives[0] != "c-tillagg");
    c
}

fn minutes_of(c: &Case, lang: Lang) -> Minutes {
    minutes(c, &decide(c).unwrap(), lang)
}

/// The text between the first `open` and the next `close` after it.
fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
    let start = s.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = s[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close}"));
    &s[start..start + end]
}

/// The places of `needles` in `hay`, each searched after the one before;
/// panics naming the first one missing or out of order.
fn in_order(hay: &str, needles: &[String], what: &str) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n.as_str()) {
            Some(i) => at += i + n.len(),
            None => {
                panic!("{what}: ”{n}” is missing or out of order (searched from byte {at}):\n{hay}")
            }
        }
    }
}

#[test]
fn html_has_the_head_and_every_section_in_order() {
    let c = example();
    let m = minutes_of(&c, Lang::Sv);
    let page = html(&c, &m, Lang::Sv);
    assert!(page.starts_with("<!doctype html>\n<html lang=\"sv\">"));
    assert!(page.contains(
        "content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\""
    ));
    assert!(!page.contains("<script"));
    assert!(page.contains("@media print{"));
    assert!(page.contains("<h1>§ 217 Kommunkoncernövergripande ekonomisk handlingsplan</h1>"));
    assert!(page.contains("<p class=\"meta\">2023.476 KS</p>"));
    let titles: Vec<String> = m
        .sections
        .iter()
        .map(|s| format!("<h2>{}</h2>", s.title))
        .collect();
    assert_eq!(
        titles[..4],
        [
            "<h2>Förslag till beslut på sammanträdet</h2>",
            "<h2>Beslutsgång</h2>",
            "<h2>Beslut</h2>",
            "<h2>Reservation</h2>"
        ]
    );
    in_order(&page, &titles, "section headings");
    assert_eq!(page.matches("<h2>").count(), m.sections.len());
    // each paragraph of each section, in order, under its heading
    let mut paragraphs = Vec::new();
    for s in &m.sections {
        paragraphs.push(format!("<h2>{}</h2>", s.title));
        for p in s.text.split("\n\n") {
            let p = escape_html(p).replace('\n', "<br>\n");
            paragraphs.push(format!("<p>{p}</p>"));
        }
    }
    in_order(&page, &paragraphs, "paragraphs");
    // no roll call, no table; no draft, no notice
    assert!(!page.contains("<table"));
    assert!(!page.contains("UTKAST") && !page.contains("class=\"notice\""));
}

#[test]
fn html_shows_the_voteringslista_as_a_table() {
    let c = with_roll_call();
    let m = minutes_of(&c, Lang::Sv);
    let list = m
        .sections
        .iter()
        .find(|s| s.table.is_some())
        .expect("a voteringslista");
    assert_eq!(list.title, "Bilaga: voteringslista 1");
    let page = html(&c, &m, Lang::Sv);
    assert_eq!(page.matches("<table>").count(), 1);
    let table = between(&page, "<table>", "</table>");
    assert!(table.contains("<caption>Voteringslista 1 ("), "{table}");
    assert_eq!(
        between(table, "<thead>", "</thead>"),
        "<tr><th scope=\"col\">Ledamot</th><th scope=\"col\">Parti</th><th scope=\"col\">Ja</th><th scope=\"col\">Nej</th><th scope=\"col\">Avstår</th></tr>"
    );
    let body = between(table, "<tbody>", "</tbody>");
    assert_eq!(body.matches("<tr>").count(), 15, "{body}");
    assert!(body.contains(
        "<tr><th scope=\"row\">Emily Munter</th><td>V</td><td></td><td>X</td><td></td></tr>"
    ));
    assert!(body.contains(
        "<tr><th scope=\"row\">Heidi Hankanen Ängberg</th><td>C</td><td></td><td></td><td>X</td></tr>"
    ));
    assert_eq!(
        between(table, "<tfoot>", "</tfoot>"),
        "<tr><th scope=\"row\">Summa</th><td></td><td>10</td><td>4</td><td>1</td></tr>"
    );
    // the table stands in for the text columns, under the section's heading
    assert!(page.contains("<h2>Bilaga: voteringslista 1</h2>\n<table>"));
    assert!(!page.contains("Ledamot   "));
    // and the meeting is in the head
    assert!(page.contains("<p class=\"meta\">Kommunstyrelsen, sammanträde 2023-10-16</p>"));
}

#[test]
fn html_escapes_what_the_case_says() {
    let mut c = example();
    c.title = "Plan <script>alert(1)</script> & \"mer\"".into();
    c.meeting.paragraph = Some("§ <b>1</b>".into());
    c.members[1].name = "Emily <img src=x onerror=alert(1)> Munter".into();
    let m = minutes_of(&c, Lang::Sv);
    let page = html(&c, &m, Lang::Sv);
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("<b>"));
    assert!(page.contains(
        "<h1>§ &lt;b&gt;1&lt;/b&gt; Plan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;mer&quot;</h1>"
    ));
    assert!(page.contains("Emily &lt;img src=x onerror=alert(1)&gt; Munter (V)"));
}

#[test]
fn a_draft_says_so_first_in_html() {
    let c = draft();
    let m = minutes_of(&c, Lang::Sv);
    assert!(m.is_draft());
    let page = html(&c, &m, Lang::Sv);
    let body = between(&page, "<body>\n", "</body>");
    assert!(
        body.starts_with("<div class=\"notice\" role=\"note\"><p>UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.</p></div>\n<header>"),
        "{body}"
    );
    // a box, not a colour
    assert!(page.contains(".notice{border:3px double #000;"));
    let en = html(&c, &minutes_of(&c, Lang::En), Lang::En);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(between(&en, "<body>\n", "</body>").starts_with(
        "<div class=\"notice\" role=\"note\"><p>DRAFT – the minutes are not complete: "
    ));
    assert!(en.contains("<h2>Decision procedure</h2>"));
}

#[test]
fn a_draft_says_so_first_in_docx() {
    let c = draft();
    let xml = document_xml(&docx(&c, &minutes_of(&c, Lang::Sv), Lang::Sv));
    let first = between(&xml, "<w:body>", "</w:p>");
    assert_eq!(
        first,
        "<w:p><w:pPr></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.</w:t></w:r>"
    );
    let done = document_xml(&docx(
        &example(),
        &minutes_of(&example(), Lang::Sv),
        Lang::Sv,
    ));
    assert!(!done.contains("UTKAST"));
    assert!(between(&done, "<w:body>", "</w:p>").contains("<w:pStyle w:val=\"Title\"/>"));
}

#[test]
fn docx_has_headings_a_header_row_and_the_language() {
    let c = with_roll_call();
    let m = minutes_of(&c, Lang::Sv);
    let file = docx(&c, &m, Lang::Sv);
    assert_eq!(&file[..2], b"PK");
    assert_eq!(
        file,
        docx(&c, &m, Lang::Sv),
        "the same minutes, the same bytes"
    );
    let xml = document_xml(&file);
    assert_eq!(xml.matches("<w:pStyle w:val=\"Title\"/>").count(), 1);
    assert_eq!(
        xml.matches("<w:pStyle w:val=\"Heading1\"/>").count(),
        m.sections.len()
    );
    // one table: the head row (repeated on each page), 15 members, the totals
    assert_eq!(xml.matches("<w:tbl>").count(), 1);
    assert_eq!(xml.matches("<w:tr>").count(), 17);
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
    assert!(xml.contains("<w:tblBorders><w:top w:val=\"single\""));
    let styles = parts(&file)
        .into_iter()
        .find(|(n, _)| n == "word/styles.xml")
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .unwrap();
    assert!(styles.contains("<w:lang w:val=\"sv-SE\""));
    let en = document_xml(&docx(&c, &minutes_of(&c, Lang::En), Lang::En));
    assert!(en.contains(">Appendix: roll-call list 1<"));
    let en_styles = parts(&docx(&c, &minutes_of(&c, Lang::En), Lang::En))
        .into_iter()
        .find(|(n, _)| n == "word/styles.xml")
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .unwrap();
    assert!(en_styles.contains("<w:lang w:val=\"en-GB\""));
}

/// What LibreOffice's text export of the minutes should show, line by line
/// (empty lines left out): the notice, the head, each section's title and
/// its paragraphs' lines, and a voteringslista's caption and every cell that
/// is not empty, row by row.
fn expected_lines(c: &Case, m: &Minutes) -> Vec<String> {
    let mut want: Vec<String> = m.notice.iter().cloned().collect();
    want.push(format!(
        "{} {}",
        c.meeting.paragraph.as_deref().unwrap(),
        c.title
    ));
    want.push(c.meeting.case_number.clone().unwrap());
    if let Some(date) = &c.meeting.date {
        want.push(format!("Kommunstyrelsen, sammanträde {date}"));
    }
    for s in &m.sections {
        want.push(s.title.clone());
        match &s.table {
            Some(t) => {
                want.push(t.caption.clone());
                let rows = std::iter::once(&t.head).chain(&t.rows).chain([&t.foot]);
                for row in rows {
                    want.extend(row.iter().filter(|x| !x.is_empty()).cloned());
                }
            }
            None => want.extend(s.text.lines().filter(|l| !l.is_empty()).map(String::from)),
        }
    }
    want
}

#[test]
fn libreoffice_reads_every_section_and_the_table() {
    let Some(soffice) = soffice() else { return };
    let dir = TempDir::new("minutes", "docx");
    for (name, c) in [("roll-call", with_roll_call()), ("draft", draft())] {
        let m = minutes_of(&c, Lang::Sv);
        let file = dir.join(format!("{name}.docx"));
        std::fs::write(&file, docx(&c, &m, Lang::Sv)).unwrap();
        let txt = std::fs::read_to_string(convert(&soffice, &dir, &file, "txt:Text")).unwrap();
        let lines: Vec<&str> = txt
            .trim_start_matches('\u{feff}')
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, expected_lines(&c, &m), "{name}");
        let txt = lines.join("\n");
        if name == "draft" {
            assert!(
                txt.trim_start().starts_with("UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts."),
                "{txt}"
            );
        } else {
            assert!(!txt.contains("UTKAST"), "{txt}");
            assert!(txt.contains("Kommunstyrelsen, sammanträde 2023-10-16"));
        }
    }
}

/// The table as LibreOffice lays it out on the page: each member's row on one
/// line of the PDF, the mark under the right column.
#[test]
fn libreoffice_lays_out_the_voteringslista_as_a_table() {
    let Some(soffice) = soffice() else { return };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        assert!(std::env::var_os("CI").is_none(), "pdftotext is missing");
        return;
    }
    let c = with_roll_call();
    let m = minutes_of(&c, Lang::Sv);
    let dir = TempDir::new("minutes", "pdf");
    let file = dir.join("minutes.docx");
    std::fs::write(&file, docx(&c, &m, Lang::Sv)).unwrap();
    let pdf = convert(&soffice, &dir, &file, "pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // the lines from the table's head on, as pdftotext lays them out
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("Ledamot"))
        .collect();
    let line = |start: &str| {
        *lines
            .iter()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start}:\n{text}"))
    };
    let words = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(line("Ledamot")), "Ledamot Parti Ja Nej Avstår");
    assert_eq!(words(line("Emily Munter")), "Emily Munter V X");
    assert_eq!(words(line("Anna Berg")), "Anna Berg M X");
    assert_eq!(
        words(line("Heidi Hankanen Ängberg")),
        "Heidi Hankanen Ängberg C X"
    );
    assert_eq!(words(line("Summa")), "Summa 10 4 1");
    // each mark and total starts where its column's head does (the head
    // repeated over the rows on a next page): the table's columns, not text
    // set in a proportional font
    let col = |l: &str, what: &str| l.chars().count() - l[l.rfind(what).unwrap()..].chars().count();
    let under = |start: &str, mark: &str, head: &str| {
        let row = lines
            .iter()
            .position(|l| l.trim_start().starts_with(start))
            .unwrap();
        let heads = lines[..row]
            .iter()
            .rev()
            .find(|l| l.trim_start().starts_with("Ledamot"))
            .unwrap();
        // pdftotext rounds places to characters: within two of the head,
        // closer than the next column, which is five or more away
        assert!(
            col(lines[row], mark).abs_diff(col(heads, head)) <= 2,
            "{start}: {mark} under {head}\n{heads}\n{}",
            lines[row]
        );
    };
    under("Anna Berg", "X", "Ja");
    under("Emily Munter", "X", "Nej");
    under("Heidi Hankanen Ängberg", "X", "Avstår");
    under("Summa", "10", "Ja");
    under("Summa", "4", "Nej");
}
