//! The minutes as files for the protocol: a standalone HTML page to read and
//! print ([`html`]) and a Word document ([`docx`], with the feature
//! `formats`), besides the plain text of [`crate::minutes::minutes_text`].
//!
//! Every format has the same parts in the same order:
//!
//! 1. a draft's notice ("UTKAST – protokollet är inte färdigt: …"), first and
//!    in words, so that an unfinished extract is never taken for a finished
//!    one — not by colour alone: in HTML a bordered box, in Word a bold
//!    paragraph of its own;
//! 2. the head ([`crate::minutes::head`]): "§ 217 Title" as the top heading,
//!    then the case number and the meeting;
//! 3. one heading per section, its paragraphs (the section's text split at
//!    blank lines), and a voteringslista as a real table — column heads, a
//!    row per member, the totals last — in place of its text columns.
//!
//! The minutes are worked out by [`crate::minutes`]; this module only lays
//! them out (it depends on `vote`, never the other way round).
//!
//! ```
//! use amend::{Case, minutes, procedure, render::Lang};
//! let case = Case::from_json(include_str!("../../examples/alingsas-ks-2023-217/case.json")).unwrap();
//! let decision = procedure::decide(&case).unwrap();
//! let m = minutes::minutes(&case, &decision, Lang::Sv);
//! let page = amend::export::minutes::html(&case, &m, Lang::Sv);
//! assert!(page.contains("<h1>§ 217 Kommunkoncernövergripande ekonomisk handlingsplan</h1>"));
//! assert!(page.contains("<h2>Beslutsgång</h2>"));
//! ```

use crate::case::Case;
use crate::minutes::{head, Minutes, Section, Table};
use crate::render::{escape_html, Lang, HTML_CSP};
use std::fmt::Write as _;

/// The minutes' word for themselves, for the page's title.
fn minutes_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Protokollsutdrag",
        Lang::En => "Minutes extract",
    }
}

/// The section's paragraphs: its text split at blank lines, empty ones left
/// out.
fn paragraphs(s: &Section) -> impl Iterator<Item = &str> {
    s.text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

// ---------------------------------------------------------------------------
// HTML

/// The page's style: readable on screen, and on paper without the screen's
/// margins, the tables kept whole where they fit and their heads repeated on
/// every page, each section's heading kept with its text.
const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1a1a1a}\
h1,h2{font-family:system-ui,sans-serif;line-height:1.25}h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem}\
.meta{margin:0;color:#333}\
.notice{border:3px double #000;padding:.6rem .9rem;margin:0 0 1.5rem;font-weight:700}\
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:700;padding-bottom:.3rem}\
th,td{border:1px solid #555;padding:.2rem .6rem;text-align:left}td{text-align:center}\
thead th{background:#eee}tbody th{font-weight:400}tfoot th,tfoot td{font-weight:700;border-top:2px solid #000}\
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}thead th{background:none}.notice{border-color:#000}}";

/// The minutes as a standalone HTML page in `lang`: no scripts, nothing
/// fetched (the same Content-Security-Policy as [`crate::render`]'s pages),
/// every text escaped. See the module docs for its parts.
pub fn html(case: &Case, minutes: &Minutes, lang: Lang) -> String {
    let h = head(case, lang);
    let heading = h.heading();
    let mut body = String::new();
    if let Some(notice) = &minutes.notice {
        let _ = writeln!(
            body,
            "<div class=\"notice\" role=\"note\"><p>{}</p></div>",
            escape_html(notice)
        );
    }
    body.push_str("<header>\n");
    if !heading.is_empty() {
        let _ = writeln!(body, "<h1>{}</h1>", escape_html(&heading));
    }
    for line in [&h.case_number, &h.meeting].into_iter().flatten() {
        let _ = writeln!(body, "<p class=\"meta\">{}</p>", escape_html(line));
    }
    body.push_str("</header>\n");
    for s in &minutes.sections {
        html_section(&mut body, s);
    }
    let title = if heading.is_empty() {
        minutes_word(lang).to_string()
    } else {
        format!("{heading} – {}", minutes_word(lang))
    };
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{HTML_CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        if lang == Lang::Sv { "sv" } else { "en" },
        escape_html(&title)
    )
}

/// One section: its heading, then its table if it has one, else its
/// paragraphs (a line break kept as `<br>`).
fn html_section(body: &mut String, s: &Section) {
    let _ = writeln!(body, "<section>\n<h2>{}</h2>", escape_html(&s.title));
    if let Some(table) = &s.table {
        html_table(body, table);
    } else {
        for p in paragraphs(s) {
            let _ = writeln!(body, "<p>{}</p>", escape_html(p).replace('\n', "<br>\n"));
        }
    }
    body.push_str("</section>\n");
}

/// A voteringslista: caption, column heads (`scope="col"`), a row per
/// member headed by the name (`scope="row"`), the totals in `<tfoot>`.
fn html_table(body: &mut String, t: &Table) {
    let cells = |body: &mut String, row: &[String]| {
        for (k, cell) in row.iter().enumerate() {
            let cell = escape_html(cell);
            let _ = if k == 0 {
                write!(body, "<th scope=\"row\">{cell}</th>")
            } else {
                write!(body, "<td>{cell}</td>")
            };
        }
    };
    let _ = write!(
        body,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape_html(&t.caption)
    );
    for h in &t.head {
        let _ = write!(body, "<th scope=\"col\">{}</th>", escape_html(h));
    }
    body.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        body.push_str("<tr>");
        cells(body, row);
        body.push_str("</tr>\n");
    }
    body.push_str("</tbody>\n<tfoot><tr>");
    cells(body, &t.foot);
    body.push_str("</tr></tfoot>\n</table>\n");
}

// ---------------------------------------------------------------------------
// Word

/// The minutes as a Word document in `lang` (`sv-SE` or `en-GB`), written by
/// the plan's writer ([`super::docx::write_docx`]) from blocks: the notice a
/// bold paragraph, the head the document's title ("Title" style) and two
/// paragraphs, each section a "Heading 1" with its paragraphs, and a
/// voteringslista its caption and a bordered table whose head row repeats
/// on every page and whose totals row is bold. Dated the meeting's date.
#[cfg(feature = "formats")]
pub fn docx(case: &Case, minutes: &Minutes, lang: Lang) -> Vec<u8> {
    let h = head(case, lang);
    let heading = h.heading();
    let mut blocks = Vec::new();
    if let Some(notice) = &minutes.notice {
        blocks.push(block::paragraph(notice, crate::plan::emphasis::Em::BOLD));
    }
    if !heading.is_empty() {
        blocks.push(block::heading(1, &heading));
    }
    for line in [&h.case_number, &h.meeting].into_iter().flatten() {
        blocks.push(block::paragraph(line, Default::default()));
    }
    for s in &minutes.sections {
        blocks.push(block::heading(2, &s.title));
        match &s.table {
            Some(t) => block::table(&mut blocks, t),
            None => blocks.extend(paragraphs(s).map(|p| block::paragraph(p, Default::default()))),
        }
    }
    let opts = super::docx::DocxOptions {
        title: if heading.is_empty() {
            minutes_word(lang).to_string()
        } else {
            format!("{heading} – {}", minutes_word(lang))
        },
        date: case.meeting.date.clone().filter(|d| !d.trim().is_empty()),
        lang: (if lang == Lang::Sv { "sv-SE" } else { "en-GB" }).into(),
        ..Default::default()
    };
    super::docx::write_docx_weighted(&blocks, &opts, &COLUMNS)
}

/// A voteringslista's columns, relative: the name wide enough for "Heidi
/// Hankanen Ängberg" on one line, the party, and the three marks.
#[cfg(feature = "formats")]
const COLUMNS: [u32; 5] = [40, 15, 15, 15, 15];

/// The blocks the .docx writer takes ([`crate::render::TrackedBlock`]),
/// made from plain text: every run equal, nothing tracked.
#[cfg(feature = "formats")]
mod block {
    use crate::apply::Run;
    use crate::diff::Tag;
    use crate::minutes::Table;
    use crate::plan::emphasis::Em;
    use crate::render::TrackedBlock;

    fn run(text: &str, em: Em) -> Run {
        Run {
            tag: Tag::Equal,
            text: text.to_string(),
            by: vec![],
            em,
        }
    }

    fn of(kind: &'static str, level: u8, runs: Vec<Run>, cells: Vec<Vec<Run>>) -> TrackedBlock {
        TrackedBlock {
            kind,
            level,
            marker: String::new(),
            depth: 0,
            status: "equal",
            runs,
            cells,
        }
    }

    /// A heading: level 1 is the document's title, level 2 "Heading 1".
    pub(super) fn heading(level: u8, text: &str) -> TrackedBlock {
        of("heading", level, vec![run(text, Em::default())], vec![])
    }

    /// A paragraph (a line break in it written as one).
    pub(super) fn paragraph(text: &str, em: Em) -> TrackedBlock {
        of("paragraph", 0, vec![run(text, em)], vec![])
    }

    /// The caption as a bold paragraph, then the rows: the column heads
    /// first (the writer makes the first row a repeated header row), the
    /// members, the totals in bold.
    pub(super) fn table(blocks: &mut Vec<TrackedBlock>, t: &Table) {
        blocks.push(paragraph(&t.caption, Em::BOLD));
        let row = |cells: &[String], em: Em| {
            let cells = cells.iter().map(|c| vec![run(c, em)]).collect();
            of("table_row", 0, vec![], cells)
        };
        blocks.push(row(&t.head, Em::default()));
        blocks.extend(t.rows.iter().map(|r| row(r, Em::default())));
        blocks.push(row(&t.foot, Em::BOLD));
    }
}
