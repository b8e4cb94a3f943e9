//! Writing texts and tracked changes out: plain text, Markdown, HTML,
//! CriticMarkup and terminal colour.

use crate::apply::Run;
use crate::diff::Tag;
use crate::doc::BlockKind;
use crate::plan::emphasis::Em;
use crate::plan::numbering;
use serde::Serialize;
use std::collections::HashMap;

/// Language of generated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sv" => Ok(Lang::Sv),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language ”{s}”; use sv or en")),
        }
    }
}

/// Who is behind an amendment, for labelling changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    /// "V 2"
    pub short: String,
    /// "Emily Munter (V), ändringsförslag 2"
    pub long: String,
    /// "V", for a per-party colour (a secondary cue only).
    pub party: String,
}

/// Labels of a case's amendments by id.
pub type Labels = HashMap<String, Label>;

/// The labels of every amendment of a case.
pub fn labels(case: &crate::case::Case, lang: Lang) -> Labels {
    let lookup = case.lookup();
    case.amendments
        .iter()
        .map(|a| {
            let kind = match (a.kind, lang) {
                (crate::amendment::AmendmentKind::Change, Lang::Sv) => "ändringsförslag",
                (crate::amendment::AmendmentKind::Change, Lang::En) => "amendment",
                (crate::amendment::AmendmentKind::Addition, Lang::Sv) => "tilläggsförslag",
                (crate::amendment::AmendmentKind::Addition, Lang::En) => "addition",
            };
            let long = if lookup.numbered(a) {
                format!("{}, {kind} {}", lookup.proposer_label(a), lookup.ordinal(a))
            } else {
                format!("{}, {kind}", lookup.proposer_label(a))
            };
            let party = lookup
                .member(&a.proposer)
                .map(|m| m.party.clone())
                .unwrap_or_default();
            (
                a.id.clone(),
                Label {
                    short: lookup.short_label(a, lang),
                    long,
                    party,
                },
            )
        })
        .collect()
}

fn label_of<'a>(labels: &'a Labels, by: &'a [String], short: bool) -> String {
    by.iter()
        .map(|id| match labels.get(id) {
            Some(l) if short => l.short.clone(),
            Some(l) => l.long.clone(),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join(if short { ", " } else { "; " })
}

/// The canonical text as plain text: headings on their own line, list items
/// with their numbers (renumbered in order, so that an inserted item counts)
/// or "• ", table cells separated by tabs, blank lines between blocks but
/// for the items of a list and the rows of a table.
pub fn plain_text(canonical: &str) -> String {
    let runs = [Run {
        tag: Tag::Equal,
        text: canonical.to_string(),
        by: vec![],
        em: Em::default(),
    }];
    let mut out = String::new();
    let mut prev: Option<&'static str> = None;
    let blocks = tracked_blocks(&runs);
    let lists = lists_of(&blocks);
    for (i, b) in blocks.into_iter().enumerate() {
        if let Some(p) = prev {
            let tight = p == b.kind && matches!(p, "list_item" | "table_row");
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        prev = Some(b.kind);
        let text: String = b.runs.iter().map(|r| r.text.as_str()).collect();
        match b.kind {
            "list_item" => {
                out.push_str(&"  ".repeat(b.depth as usize));
                let marker = lists.marker(i);
                let written = if b.marker == "-" { "•" } else { &b.marker };
                out.push_str(marker.as_deref().unwrap_or(written));
                out.push(' ');
                out.push_str(&text);
            }
            "table_row" => {
                let cells: Vec<String> = b
                    .cells
                    .iter()
                    .map(|c| c.iter().map(|r| r.text.as_str()).collect())
                    .collect();
                out.push_str(&cells.join("\t"));
            }
            _ => out.push_str(&text),
        }
    }
    out.push('\n');
    out
}

/// The lists of tracked blocks (see [`crate::plan::numbering`]): ordered
/// lists count on from their first item, so that an inserted item gets its
/// place's number, a list whose first items are deleted starts again at
/// the first item kept, and a list goes on past deleted blocks (what
/// striking them joins is one list), all as the adopted text numbers them.
pub(crate) fn lists_of(blocks: &[TrackedBlock]) -> numbering::Lists {
    let items: Vec<_> = blocks
        .iter()
        .map(|b| {
            (b.kind == "list_item").then_some((b.depth, b.marker.as_str(), b.status == "deleted"))
        })
        .collect();
    let gone: Vec<bool> = blocks.iter().map(|b| b.status == "deleted").collect();
    numbering::lists_across(&items, &gone)
}

/// One block of a tracked text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedBlock {
    /// "heading", "paragraph", "list_item" or "table_row".
    pub kind: &'static str,
    /// Heading level (0 for other blocks).
    pub level: u8,
    /// A list item's marker as the plan writes it: "1.", "a)", "i." for a
    /// numbered item, "-" for a bullet; empty for other blocks.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub marker: String,
    /// A list item's nesting level (0 for a top-level item).
    #[serde(skip_serializing_if = "crate::doc::is_zero")]
    pub depth: u8,
    /// "equal", "inserted", "deleted" or "changed".
    pub status: &'static str,
    /// The block's text; empty for a table row, whose text is in `cells`.
    pub runs: Vec<Run>,
    /// A table row's cells, each a list of runs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Vec<Run>>,
}

/// Splits tracked runs over the canonical text into blocks, one a line,
/// with the markers of the structured form (see [`crate::plan`]) taken off.
pub fn tracked_blocks(runs: &[Run]) -> Vec<TrackedBlock> {
    split_lines(runs)
        .into_iter()
        .filter_map(|(runs, _)| tracked_block(runs))
        .collect()
}

/// The runs of each line of the text (empty lines left out), each with the
/// offset in the original text (of equal and deleted runs) where the line's
/// first original piece starts, if it has one.
pub(crate) fn split_lines(runs: &[Run]) -> Vec<(Vec<Run>, Option<usize>)> {
    let mut lines: Vec<(Vec<Run>, Option<usize>)> = vec![(Vec::new(), None)];
    let mut orig = 0usize;
    for r in runs {
        let counts = r.tag != Tag::Insert;
        let mut at = orig;
        for (i, piece) in r.text.split('\n').enumerate() {
            if i > 0 {
                at += 1;
                if lines.last().is_some_and(|l| !l.0.is_empty()) {
                    lines.push((Vec::new(), None));
                }
            }
            if !piece.is_empty() {
                let cur = lines.last_mut().expect("never empty");
                if counts && cur.1.is_none() {
                    cur.1 = Some(at);
                }
                crate::apply::push_em(&mut cur.0, r.tag, piece, &r.by, r.em);
            }
            at += piece.len();
        }
        if counts {
            orig += r.text.len();
        }
    }
    lines.retain(|l| !l.0.is_empty());
    lines
}

/// One line's runs as a block: its kind and marker read from the line as
/// written (the original's where the line has one), the marker taken off.
pub(crate) fn tracked_block(mut runs: Vec<Run>) -> Option<TrackedBlock> {
    let line: String = runs.iter().map(|r| r.text.as_str()).collect();
    let l = crate::doc::parse_line(&line)?;
    let (kind, level) = match l.kind {
        BlockKind::Heading { level } => ("heading", level),
        BlockKind::ListItem => ("list_item", 0),
        BlockKind::TableRow => ("table_row", 0),
        BlockKind::Paragraph => ("paragraph", 0),
    };
    let (marker, depth) = (l.marker.to_string(), l.depth);
    cut_runs(&mut runs, l.text.start, line.len() - l.text.end);
    runs.retain(|r| !r.text.is_empty());
    let status = block_status(&runs);
    let cells = if kind == "table_row" {
        split_cells(std::mem::take(&mut runs))
    } else {
        Vec::new()
    };
    Some(TrackedBlock {
        kind,
        level,
        marker,
        depth,
        status,
        runs,
        cells,
    })
}

/// Takes `head` bytes off the start of the runs and `tail` off their end.
fn cut_runs(runs: &mut [Run], mut head: usize, mut tail: usize) {
    for r in runs.iter_mut() {
        let n = head.min(r.text.len());
        let n = (0..=n)
            .rev()
            .find(|&i| r.text.is_char_boundary(i))
            .unwrap_or(0);
        r.text.drain(..n);
        head -= n;
        if head == 0 {
            break;
        }
    }
    for r in runs.iter_mut().rev() {
        let n = tail.min(r.text.len());
        let keep = r.text.len() - n;
        let keep = (keep..=r.text.len())
            .find(|&i| r.text.is_char_boundary(i))
            .unwrap_or(0);
        tail -= r.text.len() - keep;
        r.text.truncate(keep);
        if tail == 0 {
            break;
        }
    }
}

/// A table row's runs split into cells at every ` | ` that is not `\|`.
fn split_cells(runs: Vec<Run>) -> Vec<Vec<Run>> {
    let mut cells: Vec<Vec<Run>> = vec![Vec::new()];
    for r in runs {
        let mut rest = r.text.as_str();
        loop {
            let cut = rest
                .match_indices('|')
                .find(|&(i, _)| !rest[..i].ends_with('\\'))
                .map(|(i, _)| i);
            let piece = &rest[..cut.unwrap_or(rest.len())];
            let piece = match cut {
                Some(_) => piece.strip_suffix(' ').unwrap_or(piece),
                None => piece,
            };
            if !piece.is_empty() {
                cells.last_mut().expect("never empty").push(Run {
                    tag: r.tag,
                    text: piece.replace("\\|", "|"),
                    by: r.by.clone(),
                    em: r.em,
                });
            }
            match cut {
                Some(i) => {
                    cells.push(Vec::new());
                    rest = &rest[i + 1..];
                    rest = rest.strip_prefix(' ').unwrap_or(rest);
                }
                None => break,
            }
        }
    }
    cells
}

/// "equal", "inserted", "deleted" or "changed": what the runs of a block do.
pub(crate) fn block_status(runs: &[Run]) -> &'static str {
    let all = |t: Tag| runs.iter().all(|r| r.tag == t);
    if all(Tag::Equal) {
        "equal"
    } else if all(Tag::Insert) {
        "inserted"
    } else if all(Tag::Delete) {
        "deleted"
    } else {
        "changed"
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const HTML_STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1a1a1a}\
h1,h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.25}\
ins{text-decoration:underline;text-decoration-thickness:2px;background:#e6f4ea}\
del{text-decoration:line-through;background:#fdecea;color:#5c1a14}\
.by{font:600 .7em system-ui,sans-serif;vertical-align:super;margin-left:.15em;color:#333}\
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
.block-deleted{border-left:3px double #a33;padding-left:.5rem}.block-inserted{border-left:3px solid #2a7;padding-left:.5rem}\
@media print{ins,del{background:none;color:#000}body{margin:0;max-width:none}}";

/// A standalone HTML page of a tracked text, every change marked with
/// `<ins>`/`<del>`, its proposer as a visible tag and as screen-reader text.
pub fn html_tracked(title: &str, runs: &[Run], labels: &Labels, lang: Lang) -> String {
    html_page(title, runs, labels, lang, true)
}

/// A standalone HTML page of a clean text.
pub fn html_text(title: &str, markdown: &str, lang: Lang) -> String {
    let runs = [Run {
        tag: Tag::Equal,
        text: markdown.to_string(),
        by: vec![],
        em: Em::default(),
    }];
    html_page(title, &runs, &Labels::new(), lang, false)
}

/// A standalone HTML page of the adopted text of tracked `runs`, with the
/// emphasis the runs carry.
pub fn html_accepted(title: &str, runs: &[Run], lang: Lang) -> String {
    html_page(title, &accepted(runs), &Labels::new(), lang, false)
}

/// The adopted text of tracked runs as equal runs, each keeping its
/// emphasis.
pub fn accepted(runs: &[Run]) -> Vec<Run> {
    let mut out = Vec::with_capacity(runs.len());
    for r in runs.iter().filter(|r| r.tag != Tag::Delete) {
        crate::apply::push_em(&mut out, Tag::Equal, &r.text, &[], r.em);
    }
    out
}

/// The exported page's Content-Security-Policy: no scripts, no fetches, no
/// forms, nothing from elsewhere; only the page's own `<style>`.
pub(crate) const HTML_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

fn html_page(title: &str, runs: &[Run], labels: &Labels, lang: Lang, legend: bool) -> String {
    let (ins_word, del_word, legend_text) = match lang {
        Lang::Sv => ("tillagt", "struket", "Understruken text läggs till, genomstruken text stryks. Förslagsställaren står efter varje ändring."),
        Lang::En => ("inserted", "deleted", "Underlined text is inserted, struck-through text deleted. The proposer follows each change."),
    };
    let mut body = String::new();
    let mut lists = HtmlLists::default();
    let blocks = tracked_blocks(runs);
    let numbers = lists_of(&blocks);
    for (i, b) in blocks.iter().enumerate() {
        lists.enter(&mut body, &numbers, i, b.depth);
        let write_runs = |body: &mut String, runs: &[Run]| {
            for r in runs {
                html_run(body, r, labels, ins_word, del_word);
            }
        };
        match b.kind {
            "table_row" => {
                if i == 0 || blocks[i - 1].kind != "table_row" {
                    body.push_str("<table>\n");
                }
                body.push_str(&format!("<tr class=\"block-{}\">", b.status));
                for cell in &b.cells {
                    body.push_str("<td>");
                    write_runs(&mut body, cell);
                    body.push_str("</td>");
                }
                body.push_str("</tr>\n");
                if blocks.get(i + 1).is_none_or(|n| n.kind != "table_row") {
                    body.push_str("</table>\n");
                }
            }
            _ => {
                let tag = match b.kind {
                    "heading" => format!("h{}", b.level.clamp(1, 6)),
                    "list_item" => "li".to_string(),
                    _ => "p".to_string(),
                };
                body.push_str(&format!("<{tag} class=\"block-{}\">", b.status));
                write_runs(&mut body, &b.runs);
                if tag != "li" {
                    body.push_str(&format!("</{tag}>\n"));
                }
            }
        }
    }
    lists.close_to(&mut body, 0);
    let legend = if legend {
        format!("<p><small>{legend_text}</small></p>\n")
    } else {
        String::new()
    };
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{HTML_CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n{legend}{body}</body>\n</html>\n",
        if lang == Lang::Sv { "sv" } else { "en" },
        escape_html(title)
    )
}

/// One run of a tracked text as HTML: text, or `<ins>`/`<del>` with the
/// proposer as a visible tag and as screen-reader text.
fn html_run(body: &mut String, r: &Run, labels: &Labels, ins_word: &str, del_word: &str) {
    let text = em_html(&escape_html(&r.text), r.em);
    if r.tag == Tag::Equal {
        body.push_str(&text);
        return;
    }
    let (el, word) = if r.tag == Tag::Insert {
        ("ins", ins_word)
    } else {
        ("del", del_word)
    };
    let long = escape_html(&label_of(labels, &r.by, false));
    let short = escape_html(&label_of(labels, &r.by, true));
    body.push_str(&format!(
        "<{el} title=\"{long}\" data-by=\"{}\"><span class=\"sr\">[{word}, {long}:] </span>{text}</{el}><span class=\"by\" aria-hidden=\"true\">{short}</span>",
        escape_html(&r.by.join(" "))
    ));
}

/// HTML text in `<strong>` and `<em>` as `em` says.
fn em_html(text: &str, em: Em) -> String {
    let mut out = String::with_capacity(text.len() + 20);
    if em.bold {
        out.push_str("<strong>");
    }
    if em.italic {
        out.push_str("<em>");
    }
    out.push_str(text);
    if em.italic {
        out.push_str("</em>");
    }
    if em.bold {
        out.push_str("</strong>");
    }
    out
}

/// The open `<ul>`/`<ol>` elements while list items are written, nested by
/// depth; an `<li>` stays open while deeper items follow.
#[derive(Default)]
struct HtmlLists {
    /// Each open list, outermost first: which of the text's lists it is
    /// (`None` for one opened only to reach a deeper item) and its closing
    /// tag.
    open: Vec<(Option<usize>, &'static str)>,
}

impl HtmlLists {
    /// Before block `i`: closes the lists it is not in, opens its own.
    fn enter(&mut self, body: &mut String, lists: &numbering::Lists, i: usize, depth: u8) {
        let Some(l) = lists.of[i] else {
            self.close_to(body, 0);
            return;
        };
        let depth = usize::from(depth) + 1;
        if self.open.len() >= depth {
            self.close_to(body, depth);
            if self.open[depth - 1].0 == Some(l) {
                body.push_str("</li>\n");
                return;
            }
            self.close_to(body, depth - 1);
        }
        let list = &lists.lists[l];
        while self.open.len() < depth {
            let own = (self.open.len() + 1 == depth).then_some(l);
            // (a list going on past a deleted block starts again where it was)
            let start = if own.is_some() {
                lists.value[i]
            } else {
                list.start
            };
            match ol_tag(list.style, start) {
                Some(tag) => {
                    body.push_str(&tag);
                    self.open.push((own, "</ol>\n"));
                }
                None => {
                    body.push_str("<ul>\n");
                    self.open.push((own, "</ul>\n"));
                }
            }
        }
    }

    fn close_to(&mut self, body: &mut String, depth: usize) {
        while self.open.len() > depth {
            body.push_str("</li>\n");
            body.push_str(self.open.pop().unwrap_or_default().1);
        }
    }
}

/// The opening tag of an ordered list of style `s` starting at `start`;
/// `None` for a list of bullets (or of markers written as they are).
fn ol_tag(s: numbering::Style, start: u32) -> Option<String> {
    let kind = match (s.format, s.upper) {
        (b'1', _) => "1",
        (b'a', false) => "a",
        (b'a', true) => "A",
        (b'i', false) => "i",
        (b'i', true) => "I",
        _ => return None,
    };
    Some(if start == 1 {
        format!("<ol type=\"{kind}\">\n")
    } else {
        format!("<ol type=\"{kind}\" start=\"{start}\">\n")
    })
}

/// Tracked changes as CriticMarkup: `{++ ++}`, `{-- --}`, `{~~ ~> ~~}`, each
/// followed by a `{>> proposer <<}` comment (none when no one proposed it,
/// as in a comparison of two texts).
///
/// Accepting every change gives back the adopted text and rejecting every
/// change the original, exactly: a change of whole blocks is one mark that
/// takes their markers and line breaks with it (moved to start with the line
/// break before it, so that what follows the mark starts its own line), and
/// the text's own braces are escaped (`\{`, `\}`) so that no delimiter can
/// be read in it. Markdown shows an escaped brace as the brace. A link
/// that would run code is written as text ([`escape_unsafe_links`]).
pub fn critic_markup(runs: &[Run], labels: &Labels) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let r = &runs[i];
        let who = critic_escape(&label_of(labels, &r.by, false));
        let next = runs
            .get(i + 1)
            .filter(|n| n.tag == Tag::Insert && n.by == r.by);
        match (r.tag, next) {
            (Tag::Equal, _) => out.push_str(&critic_escape(&r.text)),
            // a substitution within one paragraph
            (Tag::Delete, Some(n)) if substitutable(&r.text) && substitutable(&n.text) => {
                out.push_str(&format!(
                    "{{~~{}~>{}~~}}",
                    critic_escape(&r.text),
                    critic_escape(&n.text)
                ));
                critic_comment(&mut out, &who);
                i += 1;
            }
            (Tag::Delete, _) => critic_mark(&mut out, "--", &r.text, &who),
            (Tag::Insert, _) => critic_mark(&mut out, "++", &r.text, &who),
        }
        i += 1;
    }
    escape_unsafe_links(&out)
}

/// Can `s` be one side of a `{~~ ~> ~~}` (within a line, no `~>` of its own)?
fn substitutable(s: &str) -> bool {
    !s.contains('\n') && !s.contains("~>") && !s.starts_with('>') && !s.ends_with('~')
}

fn critic_comment(out: &mut String, who: &str) {
    if !who.is_empty() {
        out.push_str(&format!("{{>>{who}<<}}"));
    }
}

/// One mark of `text`. Text that ends with line breaks, after text that
/// ends with as many, is written one rotation earlier: the mark starts with
/// the line breaks and they follow it again, the same characters in the
/// same order, so what comes after the mark still starts a line.
fn critic_mark(out: &mut String, mark: &str, text: &str, who: &str) {
    let breaks = |s: &str| s.len() - s.trim_end_matches('\n').len();
    let mut k = breaks(text)
        .min(breaks(out))
        .min(text.len().saturating_sub(1));
    // (a backslash the mark would follow would be read as escaping it)
    if out[..out.len() - k].ends_with('\\') {
        k = 0;
    }
    let (body, tail) = text.split_at(text.len() - k);
    out.truncate(out.len() - k);
    out.push_str(&format!("{{{mark}{tail}{}{mark}}}", critic_escape(body)));
    critic_comment(out, who);
    out.push_str(tail);
}

/// Text for CriticMarkup, escaped with backslashes so that no delimiter can
/// be read in it: every brace (`\{`, `\}`), a `<` that could open an HTML tag
/// (as [`escape_markdown_html`] escapes it), and a backslash that would
/// otherwise be read as escaping what follows it (one before `\`, a brace or
/// `<`, and one at the end, where a mark may follow). Markdown shows every
/// one of these escapes as the character escaped.
fn critic_escape(s: &str) -> String {
    escape_with(s, |c, next| match c {
        '{' | '}' => true,
        '\\' => matches!(next, None | Some('\\' | '{' | '}' | '<')),
        '<' => opens_tag(next),
        _ => false,
    })
}

/// Backslash-escapes every `<` that could open an HTML tag, comment or
/// declaration, so that user text in exported Markdown shows as text in any
/// Markdown viewer instead of being passed through as HTML.
pub fn escape_markdown_html(s: &str) -> String {
    escape_with(s, |c, next| c == '<' && opens_tag(next))
}

/// Neutralises every Markdown link and image whose destination would run
/// code or carry a document (`javascript:`, `vbscript:`, `data:`, however
/// written: `JavaScript:`, `java&#115;cript:`, `javascript&colon;`, a tab
/// inside): a backslash before the `]` that closes its text (`[x\](…)`) or
/// the `[` that opens its reference definition (`\[x]: …`), so that a
/// Markdown viewer shows it as the text it is instead of a link. Autolinks
/// (`<javascript:…>`) are already text after [`escape_markdown_html`].
pub fn escape_unsafe_links(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for i in 0..b.len() {
        let unsafe_at = match b[i] {
            b']' if b.get(i + 1) == Some(&b'(') => unsafe_destination(&s[i + 2..]),
            b'[' if opens_line(b, i) => {
                definition_destination(s, i).is_some_and(|d| unsafe_destination(&s[d..]))
            }
            _ => false,
        };
        if unsafe_at && !escaped_at(b, i) {
            out.push_str(&s[last..i]);
            out.push('\\');
            last = i;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Is byte `i` escaped by an odd number of backslashes before it?
fn escaped_at(b: &[u8], i: usize) -> bool {
    b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
}

/// Is byte `i` the first on its line but for up to three spaces?
fn opens_line(b: &[u8], i: usize) -> bool {
    let start = b[..i]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |n| n + 1);
    i - start <= 3 && b[start..i].iter().all(|&c| c == b' ')
}

/// Where the destination of a reference definition `[label]: dest` that
/// starts at `i` begins.
fn definition_destination(s: &str, i: usize) -> Option<usize> {
    let line = &s[i..s[i..].find('\n').map_or(s.len(), |n| i + n)];
    let close = line.find("]:")?;
    Some(i + close + 2)
}

/// Does a link destination (what follows `(` or `]:`) start with a scheme
/// that runs code or carries a document? Read as a browser would: spaces
/// and one `<` before it, character references decoded, tabs and line
/// breaks inside ignored, letters in any case.
fn unsafe_destination(dest: &str) -> bool {
    let dest = dest.trim_start_matches([' ', '\t', '\n', '\r']);
    // (`\<` when escape_markdown_html has been at it)
    let dest = dest.strip_prefix('\\').unwrap_or(dest);
    let dest = dest.strip_prefix('<').unwrap_or(dest);
    let mut scheme = String::new();
    let mut rest = dest;
    while let Some(c) = rest.chars().next() {
        let (ch, len) = match c {
            '&' => match decode_reference(rest) {
                Some(d) => d,
                None => return false,
            },
            c => (c, c.len_utf8()),
        };
        rest = &rest[len..];
        match ch {
            ':' => break,
            '\t' | '\n' | '\r' => continue,
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase());
                if scheme.len() > 16 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// The character a reference at the start of `s` stands for (`&#58;`,
/// `&#x3A;`, `&colon;`, `&Tab;`, `&NewLine;`) and its length.
fn decode_reference(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = body.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match body {
            "colon" => ':',
            "Tab" => '\t',
            "NewLine" => '\n',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Could a `<` followed by `next` open an HTML tag, comment or declaration?
fn opens_tag(next: Option<char>) -> bool {
    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
}

/// `s` with a backslash before each character `escaped(c, next)` picks.
fn escape_with(s: &str, escaped: impl Fn(char, Option<char>) -> bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if escaped(c, chars.peek().copied()) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Tracked changes for a terminal: deletions red and struck through,
/// insertions green and underlined, the proposer in brackets after each.
pub fn ansi(runs: &[Run], labels: &Labels) -> String {
    let mut out = String::new();
    for (i, r) in runs.iter().enumerate() {
        match r.tag {
            Tag::Equal => out.push_str(&r.text),
            Tag::Delete => out.push_str(&format!("\x1b[31;9m{}\x1b[0m", r.text)),
            Tag::Insert => out.push_str(&format!("\x1b[32;4m{}\x1b[0m", r.text)),
        }
        // one label per change: a replacement's goes after its insertion
        let replaced = r.tag == Tag::Delete
            && runs
                .get(i + 1)
                .is_some_and(|n| n.tag == Tag::Insert && n.by == r.by);
        if r.tag != Tag::Equal && !replaced {
            out.push_str(&format!(
                "\x1b[2m[{}]\x1b[0m",
                label_of(labels, &r.by, true)
            ));
        }
    }
    out
}

#[cfg(test)]
mod markdown_tests {
    use super::*;

    fn run(tag: Tag, text: &str) -> Run {
        Run {
            tag,
            text: text.into(),
            by: if tag == Tag::Equal {
                vec![]
            } else {
                vec!["a".into()]
            },
            em: Em::default(),
        }
    }

    #[test]
    fn a_struck_section_is_one_mark_that_takes_its_heading_and_line_breaks() {
        let runs = [
            run(Tag::Equal, "# Plan\n\n"),
            run(Tag::Delete, "## Gone\n\nIts text.\n\n"),
            run(Tag::Equal, "## Next\n\nKept.\n"),
        ];
        let out = critic_markup(&runs, &Labels::new());
        assert_eq!(
            out,
            "# Plan{--\n\n## Gone\n\nIts text.--}{>>a<<}\n\n## Next\n\nKept.\n"
        );
    }

    #[test]
    fn braces_of_the_text_are_escaped_and_no_one_gets_no_comment() {
        let runs = [
            run(Tag::Equal, "Se {--x--} och {>>"),
            run(Tag::Delete, "a~>b"),
            run(Tag::Insert, "c}"),
        ]
        .map(|r| Run { by: vec![], ..r });
        assert_eq!(
            critic_markup(&runs, &Labels::new()),
            "Se \\{--x--\\} och \\{>>{--a~>b--}{++c\\}++}"
        );
    }

    #[test]
    fn html_in_markdown_is_escaped() {
        assert_eq!(
            escape_markdown_html("a <img src=x onerror=alert(1)> b </script> 3 < 4"),
            "a \\<img src=x onerror=alert(1)> b \\</script> 3 < 4"
        );
    }
}
