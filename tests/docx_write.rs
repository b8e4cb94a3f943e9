//! The .docx writer: the package is read back with zip and quick-xml, and
//! Word's *Accept All* and *Reject All* are played on it, paragraph marks
//! included, to check that they give exactly the adopted and the original
//! paragraphs. LibreOffice then opens the files for real.
#![cfg(feature = "formats")]
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{convert, soffice, TempDir};

use amend::apply::{accept_all, reject_all, Run};
use amend::diff::Tag;
use amend::export::docx::{authors, write_docx, DocxOptions};
use amend::render::{tracked_blocks, TrackedBlock};
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::process::Command;

// ---------------------------------------------------------------------------
// Building blocks by hand

fn run(tag: Tag, text: &str, by: &[&str]) -> Run {
    Run {
        tag,
        text: text.into(),
        by: by.iter().map(|s| s.to_string()).collect(),
        em: Default::default(),
    }
}

fn eq(text: &str) -> Run {
    run(Tag::Equal, text, &[])
}

fn ins(text: &str, by: &str) -> Run {
    run(Tag::Insert, text, &[by])
}

fn del(text: &str, by: &str) -> Run {
    run(Tag::Delete, text, &[by])
}

/// A block with the status its runs give.
fn block(kind: &'static str, runs: Vec<Run>) -> TrackedBlock {
    let cells: Vec<Vec<Run>> = Vec::new();
    tracked(kind, runs, cells)
}

fn tracked(kind: &'static str, runs: Vec<Run>, cells: Vec<Vec<Run>>) -> TrackedBlock {
    let all: Vec<&Run> = runs.iter().chain(cells.iter().flatten()).collect();
    let status = if all.iter().all(|r| r.tag == Tag::Equal) {
        "equal"
    } else if all.iter().all(|r| r.tag == Tag::Insert) {
        "inserted"
    } else if all.iter().all(|r| r.tag == Tag::Delete) {
        "deleted"
    } else {
        "changed"
    };
    TrackedBlock {
        kind,
        level: 0,
        marker: String::new(),
        depth: 0,
        status,
        runs,
        cells,
    }
}

fn heading(level: u8, runs: Vec<Run>) -> TrackedBlock {
    TrackedBlock {
        level,
        ..block("heading", runs)
    }
}

fn item(marker: &str, depth: u8, runs: Vec<Run>) -> TrackedBlock {
    TrackedBlock {
        marker: marker.into(),
        depth,
        ..block("list_item", runs)
    }
}

fn row(cells: Vec<Vec<Run>>) -> TrackedBlock {
    tracked("table_row", vec![], cells)
}

fn options(tracked: bool) -> DocxOptions {
    let authors = [
        ("v2", "Emily Munter (V)"),
        ("mp1", "Anna Svensson (MP)"),
        ("c1", "Per Olsson (C)"),
    ];
    DocxOptions {
        title: "Handlingsplan & <mål>".into(),
        tracked,
        authors: authors
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        date: Some("2023-10-16".into()),
        lang: "sv-SE".into(),
    }
}

/// Headings, changed, inserted and deleted paragraphs, a numbered list with a
/// nested level, a table, and a joint amendment.
fn mixed() -> Vec<TrackedBlock> {
    vec![
        heading(1, vec![eq("Ekonomisk handlingsplan")]),
        heading(
            2,
            vec![eq("1 "), del("Inledning", "v2"), ins("Bakgrund", "v2")],
        ),
        block(
            "paragraph",
            vec![
                eq("Kommunen ska bli "),
                del("Sveriges mest effektiva kommun", "v2"),
                ins("en bra arbetsgivare", "v2"),
                eq(" & ge <god> service"),
                run(Tag::Insert, " till alla", &["mp1", "v2"]),
                eq("."),
            ],
        ),
        block("paragraph", vec![ins("Ett nytt stycke.", "c1")]),
        block("paragraph", vec![del("Ett struket stycke.", "mp1")]),
        heading(3, vec![eq("Åtgärder")]),
        item("3.", 0, vec![eq("Lokaler")]),
        item("4.", 0, vec![ins("Personal", "c1")]),
        item(
            "a)",
            1,
            vec![eq("Rekrytering "), del("och bemanning", "v2")],
        ),
        item("5.", 0, vec![del("Digitalisering", "v2")]),
        block("paragraph", vec![eq("Tabell:")]),
        row(vec![vec![eq("År")], vec![eq("Belopp")]]),
        row(vec![
            vec![eq("2024")],
            vec![del("10", "v2"), ins("12", "v2")],
        ]),
        row(vec![vec![ins("2025", "c1")], vec![ins("14", "c1")]]),
        row(vec![vec![del("2026", "mp1")], vec![del("16", "mp1")]]),
        block("paragraph", vec![eq("Slut\tpå\nplanen.")]),
    ]
}

/// Texts whose last paragraphs change: the marks before take the change.
/// (The last: an inserted paragraph before a table, which rejecting leaves
/// empty, see [`expected`].)
fn endings() -> Vec<Vec<TrackedBlock>> {
    let p = |runs| block("paragraph", runs);
    vec![
        vec![p(vec![eq("Första.")]), p(vec![ins("Tillagt sist.", "c1")])],
        vec![p(vec![eq("Första.")]), p(vec![del("Struket sist.", "v2")])],
        vec![
            heading(2, vec![eq("Rubrik")]),
            p(vec![del("Gammalt sista.", "v2")]),
            p(vec![ins("Nytt sista.", "v2")]),
        ],
        vec![
            p(vec![eq("Lista:")]),
            item("-", 0, vec![eq("ett")]),
            item("-", 0, vec![ins("två", "mp1")]),
        ],
        vec![
            item("1.", 0, vec![eq("ett")]),
            p(vec![ins("Nytt.", "c1")]),
            p(vec![del("Gammalt.", "v2")]),
        ],
        vec![
            p(vec![ins("Före tabellen.", "c1")]),
            row(vec![vec![eq("a")], vec![eq("b")]]),
            row(vec![vec![ins("c", "c1")], vec![ins("d", "c1")]]),
        ],
    ]
}

// ---------------------------------------------------------------------------
// Reading the package back

/// The package's parts, in order.
fn parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip file");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> String {
    parts(docx)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// A revision element: "ins" or "del", its id, author and date.
#[derive(Debug, Clone, Default)]
struct Rev {
    kind: String,
    id: String,
    author: String,
    date: String,
}

/// A paragraph's style and list level ("ListParagraph/0").
type Props = String;

/// A paragraph as written: its text pieces (with their revision, if any),
/// its mark's revisions, its properties and, with `w:pPrChange`, the old ones.
#[derive(Debug, Default)]
struct Para {
    pieces: Vec<(String, Option<Rev>)>,
    ins: bool,
    del: bool,
    props: Props,
    old: Option<Props>,
}

#[derive(Debug)]
enum Node {
    Para(Para),
    Row {
        ins: bool,
        del: bool,
        cells: Vec<Vec<Para>>,
    },
}

/// What `word/document.xml` holds: its paragraphs and table rows, every
/// revision element, and the changed text (kind, text, author) in order.
#[derive(Debug, Default)]
struct Body {
    nodes: Vec<Node>,
    revisions: Vec<Rev>,
    changes: Vec<(String, String, String)>,
}

fn attr(e: &BytesStart, name: &str) -> String {
    e.try_get_attribute(name)
        .unwrap()
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .unwrap()
                .into_owned()
        })
        .unwrap_or_default()
}

/// Where the reader is.
#[derive(Default)]
struct State {
    body: Body,
    para: Option<Para>,
    row: Option<(bool, bool, Vec<Vec<Para>>)>,
    in_ppr: bool,
    in_change: bool,
    in_trpr: bool,
    in_text: bool,
    rev: Option<Rev>,
    style: String,
    ilvl: String,
}

impl State {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.name();
        let name = std::str::from_utf8(name.as_ref()).unwrap();
        match name {
            "w:p" => {
                self.para = Some(Para::default());
                self.style.clear();
                self.ilvl.clear();
                if empty {
                    self.end_para();
                }
            }
            "w:pPr" if !self.in_change => self.in_ppr = !empty,
            "w:pPrChange" => {
                self.note(e);
                self.para.as_mut().unwrap().props = self.props();
                self.in_change = true;
                self.style.clear();
                self.ilvl.clear();
            }
            "w:pStyle" => self.style = attr(e, "w:val"),
            "w:ilvl" => self.ilvl = attr(e, "w:val"),
            "w:trPr" => self.in_trpr = !empty,
            "w:tr" => self.row = Some((false, false, vec![])),
            "w:tc" => self.row.as_mut().unwrap().2.push(vec![]),
            "w:ins" | "w:del" => self.revision(e, name, empty),
            "w:t" | "w:delText" => self.in_text = !empty,
            "w:br" => self.text("\n"),
            "w:tab" if !self.in_ppr => self.text("\t"),
            _ => {}
        }
    }

    /// A revision element: on a paragraph mark, a table row or runs.
    fn revision(&mut self, e: &BytesStart, name: &str, empty: bool) {
        let rev = self.note(e);
        let ins = name == "w:ins";
        if self.in_ppr {
            let p = self.para.as_mut().unwrap();
            (p.ins, p.del) = (p.ins || ins, p.del || !ins);
        } else if self.in_trpr {
            let r = self.row.as_mut().unwrap();
            (r.0, r.1) = (r.0 || ins, r.1 || !ins);
        } else if !empty {
            self.body
                .changes
                .push((rev.kind.clone(), String::new(), rev.author.clone()));
            self.rev = Some(rev);
        }
    }

    fn note(&mut self, e: &BytesStart) -> Rev {
        let name = e.name();
        let kind = std::str::from_utf8(name.as_ref()).unwrap();
        let rev = Rev {
            kind: kind.trim_start_matches("w:").to_string(),
            id: attr(e, "w:id"),
            author: attr(e, "w:author"),
            date: attr(e, "w:date"),
        };
        self.body.revisions.push(rev.clone());
        rev
    }

    fn text(&mut self, s: &str) {
        let rev = self.rev.clone();
        if rev.is_some() {
            self.body.changes.last_mut().unwrap().1.push_str(s);
        }
        self.para
            .as_mut()
            .expect("text inside a paragraph")
            .pieces
            .push((s.to_string(), rev));
    }

    fn props(&self) -> Props {
        if self.ilvl.is_empty() {
            self.style.clone()
        } else {
            format!("{}/{}", self.style, self.ilvl)
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:pPrChange" => {
                self.para.as_mut().unwrap().old = Some(self.props());
                self.in_change = false;
            }
            "w:pPr" if !self.in_change => {
                let props = self.props();
                let p = self.para.as_mut().unwrap();
                if p.old.is_none() {
                    p.props = props;
                }
                self.in_ppr = false;
            }
            "w:p" => self.end_para(),
            "w:trPr" => self.in_trpr = false,
            "w:tr" => {
                let (ins, del, cells) = self.row.take().unwrap();
                self.body.nodes.push(Node::Row { ins, del, cells });
            }
            "w:ins" | "w:del" => self.rev = None,
            "w:t" | "w:delText" => self.in_text = false,
            _ => {}
        }
    }

    fn end_para(&mut self) {
        let p = self.para.take().unwrap();
        match &mut self.row {
            Some(row) => row.2.last_mut().unwrap().push(p),
            None => self.body.nodes.push(Node::Para(p)),
        }
    }
}

fn parse_body(xml: &str) -> Body {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut st = State::default();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => st.start(&e, false),
            Event::Empty(e) => st.start(&e, true),
            Event::End(e) => st.end(std::str::from_utf8(e.name().as_ref()).unwrap()),
            Event::Text(t) if st.in_text => st.text(&t.decode().unwrap()),
            Event::GeneralRef(r) if st.in_text => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match &*r.decode().unwrap() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity {other}"),
                    },
                };
                st.text(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    st.body
}

// ---------------------------------------------------------------------------
// Word's Accept All and Reject All

/// Is a revision dropped by the view? Accepting drops deletions, rejecting
/// drops insertions.
fn dropped(accept: bool, ins: bool, del: bool) -> bool {
    if accept {
        del
    } else {
        ins
    }
}

fn visible(p: &Para, accept: bool) -> String {
    p.pieces
        .iter()
        .filter(|(_, rev)| match rev {
            Some(r) => !dropped(accept, r.kind == "ins", r.kind == "del"),
            None => true,
        })
        .map(|(s, _)| s.as_str())
        .collect()
}

/// The paragraphs (props, text) after accepting or rejecting every change:
/// text of a dropped mark joins the next paragraph, which keeps its own
/// properties (the old ones, with `w:pPrChange`, when rejecting), but the
/// mark before a table stays (Word and LibreOffice keep it); table rows are
/// "Row" with their cells joined by " | ".
fn view(body: &Body, accept: bool) -> Vec<(Props, String)> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for (k, node) in body.nodes.iter().enumerate() {
        match node {
            Node::Para(p) => {
                pending.push_str(&visible(p, accept));
                // a paragraph cannot be joined into a table
                let before_table = matches!(body.nodes.get(k + 1), Some(Node::Row { .. }));
                if before_table || !dropped(accept, p.ins, p.del) {
                    let props = match (&p.old, accept) {
                        (Some(old), false) => old.clone(),
                        _ => p.props.clone(),
                    };
                    out.push((props, std::mem::take(&mut pending)));
                }
            }
            Node::Row { ins, del, cells } => {
                if !pending.is_empty() {
                    out.push(("joined into a table".into(), std::mem::take(&mut pending)));
                }
                if !dropped(accept, *ins, *del) {
                    let cells: Vec<String> = cells
                        .iter()
                        .map(|c| {
                            c.iter()
                                .map(|p| visible(p, accept))
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .collect();
                    out.push(("Row".into(), cells.join(" | ")));
                }
            }
        }
    }
    if !pending.is_empty() {
        out.push(("joined past the end".into(), pending));
    }
    out
}

/// The paragraphs the view should give, from the blocks themselves.
fn expected(blocks: &[TrackedBlock], accept: bool) -> Vec<(Props, String)> {
    let text = |runs: &[Run]| {
        if accept {
            accept_all(runs)
        } else {
            reject_all(runs)
        }
    };
    let shown = |b: &TrackedBlock| b.status != if accept { "deleted" } else { "inserted" };
    let mut out = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        let props = match b.kind {
            "heading" if b.level <= 1 => "Title".into(),
            "heading" => format!("Heading{}", b.level - 1),
            "list_item" => format!("ListParagraph/{}", b.depth),
            "table_row" => "Row".into(),
            _ => String::new(),
        };
        if shown(b) && b.kind == "table_row" {
            let cells: Vec<String> = b.cells.iter().map(|c| text(c)).collect();
            out.push((props, cells.join(" | ")));
        } else if shown(b) {
            out.push((props, text(&b.runs)));
        } else if b.kind != "table_row"
            && blocks.get(k + 1).is_some_and(|n| n.kind == "table_row")
            && !blocks[..k]
                .iter()
                .rev()
                .take_while(|p| p.kind != "table_row")
                .any(shown)
        {
            // nothing of the paragraphs before a table is shown: the last
            // one's mark stays, as a table cannot take the paragraph in
            out.push((props, String::new()));
        }
    }
    // a document ends with a paragraph
    if blocks.last().is_some_and(|b| b.kind == "table_row") {
        out.push((String::new(), String::new()));
    }
    out
}

/// The changed runs of the blocks, in order, as (kind, text, author).
fn expected_changes(
    blocks: &[TrackedBlock],
    authors: &HashMap<String, String>,
) -> Vec<(String, String, String)> {
    blocks
        .iter()
        .flat_map(|b| b.runs.iter().chain(b.cells.iter().flatten()))
        .filter(|r| r.tag != Tag::Equal)
        .map(|r| {
            let kind = if r.tag == Tag::Insert { "ins" } else { "del" };
            let who: Vec<&str> = r.by.iter().map(|id| authors[id].as_str()).collect();
            (kind.to_string(), r.text.clone(), who.join(", "))
        })
        .collect()
}

/// Writes the blocks tracked and checks both views, every author, the date
/// and the revision ids.
fn check_tracked(blocks: &[TrackedBlock]) -> Body {
    let opts = options(true);
    let docx = write_docx(blocks, &opts);
    let body = parse_body(&part(&docx, "word/document.xml"));
    assert_eq!(view(&body, true), expected(blocks, true), "Accept All");
    assert_eq!(view(&body, false), expected(blocks, false), "Reject All");
    assert_eq!(body.changes, expected_changes(blocks, &opts.authors));
    let known: HashSet<&str> = opts.authors.values().map(String::as_str).collect();
    let mut ids = HashSet::new();
    for r in &body.revisions {
        assert!(r.author.split(", ").all(|a| known.contains(a)), "{r:?}");
        assert_eq!(r.date, "2023-10-16T00:00:00Z");
        assert!(ids.insert(r.id.clone()), "revision id {} twice", r.id);
    }
    body
}

// ---------------------------------------------------------------------------
// Tests

#[test]
fn accepting_and_rejecting_give_the_adopted_and_the_original_text() {
    let body = check_tracked(&mixed());
    // marks of whole inserted and deleted paragraphs are revisions too
    assert!(body
        .nodes
        .iter()
        .any(|n| matches!(n, Node::Para(p) if p.ins)));
    assert!(body
        .nodes
        .iter()
        .any(|n| matches!(n, Node::Para(p) if p.del)));
    assert!(body
        .nodes
        .iter()
        .any(|n| matches!(n, Node::Row { ins: true, .. })));
    assert!(body
        .nodes
        .iter()
        .any(|n| matches!(n, Node::Row { del: true, .. })));
    assert!(body.changes.contains(&(
        "ins".into(),
        " till alla".into(),
        "Anna Svensson (MP), Emily Munter (V)".into()
    )));
}

#[test]
fn a_changed_last_paragraph_leaves_no_empty_paragraph() {
    for blocks in endings() {
        check_tracked(&blocks);
    }
}

#[test]
fn the_clean_file_has_the_adopted_text_only() {
    let blocks = mixed();
    let docx = write_docx(&blocks, &options(false));
    let xml = part(&docx, "word/document.xml");
    assert!(!xml.contains("w:delText"));
    let body = parse_body(&xml);
    assert!(body.revisions.is_empty(), "{:?}", body.revisions);
    assert_eq!(view(&body, true), expected(&blocks, true));
    assert_eq!(view(&body, false), expected(&blocks, true));
}

#[test]
fn the_same_blocks_give_the_same_bytes() {
    for tracked in [true, false] {
        let a = write_docx(&mixed(), &options(tracked));
        assert_eq!(a, write_docx(&mixed(), &options(tracked)));
    }
    let names: Vec<String> = parts(&write_docx(&mixed(), &options(true)))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/_rels/document.xml.rels"
        ]
    );
}

#[test]
fn lists_continue_their_numbering_and_start_where_the_plan_does() {
    let docx = write_docx(&mixed(), &options(true));
    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains("<w:startOverride w:val=\"3\"/>"));
    assert!(numbering.contains("<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/>"));
    assert!(numbering.contains("<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/>"));
    // the inserted and the deleted item are paragraphs of the same list;
    // the nested list is one of its own, starting at its own number
    let xml = part(&docx, "word/document.xml");
    assert_eq!(xml.matches("<w:numId w:val=\"1\"/>").count(), 3);
    assert_eq!(xml.matches("<w:numId w:val=\"2\"/>").count(), 1);
    assert!(numbering.contains("<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/>"));
    let bullets = write_docx(&endings()[3], &options(true));
    assert!(part(&bullets, "word/numbering.xml").contains("<w:lvlText w:val=\"•\"/>"));
}

#[test]
fn headings_styles_language_and_properties() {
    let docx = write_docx(&mixed(), &options(true));
    let styles = part(&docx, "word/styles.xml");
    for s in [
        "w:styleId=\"Title\"><w:name w:val=\"Title\"/>",
        "w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>",
        "w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>",
        "<w:outlineLvl w:val=\"1\"/>",
        "<w:lang w:val=\"sv-SE\"",
        "w:ascii=\"Calibri\"",
    ] {
        assert!(styles.contains(s), "{s}");
    }
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains("<w:pStyle w:val=\"Title\"/>"));
    assert!(xml.contains("<w:pStyle w:val=\"Heading2\"/>"));
    assert!(xml.contains("<w:tblHeader/>"));
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Handlingsplan &amp; &lt;mål&gt;</dc:title>"));
    assert!(!part(&docx, "word/settings.xml").contains("trackRevisions"));
}

#[test]
fn text_is_escaped_and_forbidden_characters_left_out() {
    let blocks = vec![block(
        "paragraph",
        vec![
            eq("a <b> & \"c\" 'd'\u{1}\u{FFFF} é"),
            ins("]]> \u{B}ok", "v2"),
        ],
    )];
    let docx = write_docx(&blocks, &options(true));
    let body = parse_body(&part(&docx, "word/document.xml"));
    assert_eq!(
        view(&body, true),
        vec![(String::new(), "a <b> & \"c\" 'd' é]]> ok".to_string())]
    );
}

fn example() -> (amend::case::Case, Vec<TrackedBlock>, amend::apply::Applied) {
    let case =
        amend::case::Case::from_json(include_str!("../examples/alingsas-ks-2023-217/case.json"))
            .unwrap();
    let doc = case.document().unwrap();
    let applied = case.apply_with(&doc, &["v2".into()], &[]).unwrap();
    let blocks = tracked_blocks(&applied.runs);
    (case, blocks, applied)
}

fn example_options(case: &amend::case::Case, tracked: bool) -> DocxOptions {
    DocxOptions {
        title: case.title.clone(),
        tracked,
        authors: authors(case),
        date: Some("2023-10-16".into()),
        lang: "sv-SE".into(),
    }
}

#[test]
fn the_example_case_end_to_end() {
    let (case, blocks, applied) = example();
    let docx = write_docx(&blocks, &example_options(&case, true));
    let body = parse_body(&part(&docx, "word/document.xml"));
    assert!(!body.revisions.is_empty());
    for r in &body.revisions {
        assert_eq!(r.author, "Emily Munter (V)");
    }
    let accepted = view(&body, true);
    let rejected = view(&body, false);
    assert_eq!(accepted, expected(&blocks, true));
    assert_eq!(rejected, expected(&blocks, false));
    // each paragraph in order in the adopted and the original text
    for (paragraphs, whole) in [
        (&accepted, accept_all(&applied.runs)),
        (&rejected, reject_all(&applied.runs)),
    ] {
        let mut at = 0;
        for (_, text) in paragraphs {
            let found = whole[at..].find(text.as_str());
            at += found.unwrap_or_else(|| panic!("{text:?} not in order")) + text.len();
        }
    }
    let joined = |v: &[(Props, String)]| {
        v.iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(joined(&accepted)
        .contains("samtidigt som vi använder våra ekonomiska resurser på rätt sätt."));
    assert!(!joined(&accepted).contains("Sveriges mest effektiva kommun"));
    assert!(joined(&rejected).contains("Sveriges mest effektiva kommun"));
}

// ---------------------------------------------------------------------------
// LibreOffice

/// The paragraphs of LibreOffice's text export: a line each, a list
/// item's bullet taken off.
fn txt_lines(txt: &str) -> Vec<String> {
    txt.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim_start().trim_start_matches("• ").to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every run of a block, deleted and inserted alike, in order.
fn all_runs(b: &TrackedBlock) -> String {
    b.runs.iter().map(|r| r.text.as_str()).collect()
}

/// The example, clean and tracked, as text and PDF. LibreOffice's text
/// export of a file with revisions shows them as it shows them on screen:
/// each paragraph with its deleted text and its inserted text, one after
/// the other ("…samtidigt som vi håller nere kostnadernaanvänder våra…").
#[test]
fn libreoffice_reads_the_example() {
    let Some(soffice) = soffice() else { return };
    let (case, blocks, _) = example();
    let dir = TempDir::new("docx", "example");
    for tracked in [false, true] {
        let name = if tracked {
            "tracked.docx"
        } else {
            "clean.docx"
        };
        let file = dir.join(name);
        std::fs::write(&file, write_docx(&blocks, &example_options(&case, tracked))).unwrap();
        let txt = std::fs::read_to_string(convert(&soffice, &dir, &file, "txt:Text")).unwrap();
        let want: Vec<String> = if tracked {
            blocks.iter().map(all_runs).collect()
        } else {
            expected(&blocks, true)
                .into_iter()
                .map(|(_, t)| t)
                .collect()
        };
        assert_eq!(txt_lines(&txt), want, "{name}");
        let pdf = convert(&soffice, &dir, &file, "pdf");
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    }
    let txt = std::fs::read_to_string(dir.join("tracked.txt")).unwrap();
    assert!(
        txt.contains("samtidigt som vi håller nere kostnadernaanvänder våra ekonomiska resurser")
    );
}

/// Headings, lists, a table and revisions of every kind as a PDF, its first
/// page as a PNG image.
#[test]
fn libreoffice_renders_the_tracked_changes() {
    let Some(soffice) = soffice() else { return };
    let dir = TempDir::new("docx", "mixed");
    let file = dir.join("mixed.docx");
    std::fs::write(&file, write_docx(&mixed(), &options(true))).unwrap();
    let pdf = convert(&soffice, &dir, &file, "pdf");
    let png = dir.join("page");
    match Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status()
    {
        Ok(status) => assert!(status.success()),
        Err(e) => assert!(std::env::var_os("CI").is_none(), "pdftoppm: {e}"),
    }
    let page = dir.join("page-1.png");
    if page.is_file() {
        assert!(std::fs::read(&page).unwrap().starts_with(b"\x89PNG"));
    }
}

/// A LibreOffice Basic macro that opens a file, accepts or rejects all its
/// tracked changes (`command`: "AcceptAllTrackedChanges" or
/// "RejectAllTrackedChanges") and saves it as text.
const REVIEW_MACRO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Review(inPath As String, outPath As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:&quot; &amp; command, &quot;&quot;, 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text&quot;
  doc.storeToURL(ConvertToURL(outPath), store())
  doc.close(True)
End Sub
</script:module>
"#;

/// The text LibreOffice's *Accept All* (or *Reject All*) leaves of `file`,
/// by [`REVIEW_MACRO`] installed in the profile of `dir` (made first by a
/// run that only starts up).
fn review(soffice: &Path, dir: &Path, file: &Path, accept: bool) -> String {
    let profile = dir.join("profile");
    let env = format!("-env:UserInstallation=file://{}", profile.display());
    let module = profile.join("user/basic/Standard/Module1.xba");
    if !module.is_file() {
        let out = Command::new(soffice)
            .args([&env, "--headless", "--norestore", "--terminate_after_init"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && module.is_file(),
            "no profile: {stderr}"
        );
    }
    std::fs::write(&module, REVIEW_MACRO).unwrap();
    let command = if accept { "AcceptAll" } else { "RejectAll" };
    let out = dir.join(format!("{command}.txt"));
    let _ = std::fs::remove_file(&out);
    let macro_url = format!(
        "macro:///Standard.Module1.Review(\"{}\",\"{}\",\"{command}TrackedChanges\")",
        file.display(),
        out.display()
    );
    let run = Command::new(soffice)
        .args([&env, "--headless", "--norestore", &macro_url])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{command}: {stderr}");
    std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{command}: {e}"))
}

/// The lines LibreOffice's text export should give for a view's paragraphs:
/// a table row a line per cell, a line break a line of its own.
fn expected_lines(view: &[(Props, String)]) -> Vec<String> {
    view.iter()
        .flat_map(|(props, text)| {
            let sep = if props == "Row" { " | " } else { "\n" };
            text.split(sep)
                .map(|l| l.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// LibreOffice's text export as lines, a list item's number or bullet (after
/// its indentation) taken off.
fn review_lines(txt: &str) -> Vec<String> {
    txt.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| {
            let item = l.starts_with(' ');
            let l = l.trim();
            match l.split_once(' ') {
                Some((_, rest)) if item => rest.trim().to_string(),
                _ => l.to_string(),
            }
        })
        .collect()
}

/// LibreOffice's own *Accept All* and *Reject All* give the adopted and the
/// original paragraphs: numbers follow the items left (the deleted "5."
/// becomes 4. when the inserted 4. is rejected), whole rows go, and a
/// changed last paragraph leaves no empty one behind.
#[test]
fn libreoffice_accepts_and_rejects_the_revisions() {
    let Some(soffice) = soffice() else { return };
    let dir = TempDir::new("docx", "review");
    let file = dir.join("mixed.docx");
    std::fs::write(&file, write_docx(&mixed(), &options(true))).unwrap();
    let accepted = review(&soffice, &dir, &file, true);
    let rejected = review(&soffice, &dir, &file, false);
    for (txt, lines) in [
        (
            &accepted,
            [
                "    3. Lokaler",
                "    4. Personal",
                "        a) Rekrytering",
            ],
        ),
        (
            &rejected,
            [
                "    3. Lokaler",
                "        a) Rekrytering och bemanning",
                "    4. Digitalisering",
            ],
        ),
    ] {
        let trimmed: Vec<&str> = txt.lines().map(str::trim_end).collect();
        let at = trimmed.iter().position(|l| *l == lines[0]).expect(txt);
        assert_eq!(trimmed[at..at + 3], lines, "{txt}");
    }
    let mut cases = endings();
    cases.insert(0, mixed());
    for (k, blocks) in cases.iter().enumerate() {
        let file = dir.join(format!("case{k}.docx"));
        std::fs::write(&file, write_docx(blocks, &options(true))).unwrap();
        for accept in [true, false] {
            let txt = review(&soffice, &dir, &file, accept);
            let want = expected_lines(&expected(blocks, accept));
            assert_eq!(review_lines(&txt), want, "case {k}, accept: {accept}");
        }
    }
}

/// The plan's own .docx reader, which accepts tracked changes, reads the
/// tracked file as the clean one, numbers and table included; for the
/// example, plan → adopted amendment → .docx → plan gives the adopted text
/// exactly.
#[test]
fn the_reader_accepts_the_revisions_into_the_clean_text() {
    let read = |blocks: &[TrackedBlock], opts: &DocxOptions, tracked| {
        let opts = DocxOptions {
            tracked,
            ..opts.clone()
        };
        amend::plan::docx::read_docx(&write_docx(blocks, &opts))
            .unwrap()
            .text
    };
    let blocks = mixed();
    let clean = read(&blocks, &options(true), false);
    assert_eq!(read(&blocks, &options(true), true), clean);
    assert!(clean.contains("\n\n3. Lokaler\n4. Personal\n  a) Rekrytering\n\n"));
    assert!(clean.contains("| 2024 | 12 |\n| 2025 | 14 |\n\n"));
    let (case, blocks, applied) = example();
    for tracked in [false, true] {
        let text = read(&blocks, &example_options(&case, true), tracked);
        assert_eq!(text, applied.text, "tracked: {tracked}");
    }
}
