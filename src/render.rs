//! Writing texts and tracked changes out: plain text, Markdown, HTML,
//! CriticMarkup and terminal colour.

use crate::apply::Run;
use crate::diff::Tag;
use crate::doc::{BlockKind, Document, SourceFormat};
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
    case.amendments
        .iter()
        .map(|a| {
            let kind = match (a.kind, lang) {
                (crate::amendment::AmendmentKind::Change, Lang::Sv) => "ändringsförslag",
                (crate::amendment::AmendmentKind::Change, Lang::En) => "amendment",
                (crate::amendment::AmendmentKind::Addition, Lang::Sv) => "tilläggsförslag",
                (crate::amendment::AmendmentKind::Addition, Lang::En) => "addition",
            };
            let long = if case.numbered(a) {
                format!("{}, {kind} {}", case.proposer_label(a), case.ordinal(a))
            } else {
                format!("{}, {kind}", case.proposer_label(a))
            };
            let party = case
                .member(&a.proposer)
                .map(|m| m.party.clone())
                .unwrap_or_default();
            (
                a.id.clone(),
                Label {
                    short: case.short_label(a, lang),
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

/// The canonical (Markdown) text as plain text: headings on their own line,
/// list items with "• ", blank lines between blocks.
pub fn plain_text(markdown: &str) -> String {
    let Ok(doc) = Document::parse(markdown, SourceFormat::Markdown) else {
        return String::new();
    };
    let mut out = String::new();
    for b in &doc.blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if b.kind == BlockKind::ListItem {
            out.push_str("• ");
        }
        out.push_str(&b.text);
    }
    out.push('\n');
    out
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
    #[serde(skip_serializing_if = "is_zero")]
    pub depth: u8,
    /// "equal", "inserted", "deleted" or "changed".
    pub status: &'static str,
    /// The block's text; empty for a table row, whose text is in `cells`.
    pub runs: Vec<Run>,
    /// A table row's cells, each a list of runs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Vec<Run>>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// Splits tracked runs over the canonical text into blocks, with the
/// Markdown markers taken off.
pub fn tracked_blocks(runs: &[Run]) -> Vec<TrackedBlock> {
    let mut blocks: Vec<Vec<Run>> = vec![Vec::new()];
    for r in runs {
        for (i, piece) in r.text.split("\n\n").enumerate() {
            if i > 0 {
                blocks.push(Vec::new());
            }
            let piece = piece.trim_matches('\n');
            if !piece.is_empty() {
                let cur = blocks.last_mut().expect("never empty");
                match cur.last_mut() {
                    Some(last) if last.tag == r.tag && last.by == r.by => last.text.push_str(piece),
                    _ => cur.push(Run {
                        tag: r.tag,
                        text: piece.to_string(),
                        by: r.by.clone(),
                    }),
                }
            }
        }
    }
    blocks
        .into_iter()
        .filter(|b| !b.is_empty())
        .map(|mut runs| {
            let first = &mut runs[0];
            let hashes = first.text.chars().take_while(|&c| c == '#').count();
            let (kind, level) =
                if (1..=6).contains(&hashes) && first.text[hashes..].starts_with(' ') {
                    first.text.drain(..hashes + 1);
                    ("heading", hashes as u8)
                } else if first.text.starts_with("- ") {
                    first.text.drain(..2);
                    ("list_item", 0)
                } else {
                    ("paragraph", 0)
                };
            runs.retain(|r| !r.text.is_empty());
            let status = block_status(&runs);
            TrackedBlock {
                kind,
                level,
                marker: if kind == "list_item" { "-".into() } else { String::new() },
                depth: 0,
                status,
                runs,
                cells: Vec::new(),
            }
        })
        .collect()
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
    }];
    html_page(title, &runs, &Labels::new(), lang, false)
}

fn html_page(title: &str, runs: &[Run], labels: &Labels, lang: Lang, legend: bool) -> String {
    let (ins_word, del_word, legend_text) = match lang {
        Lang::Sv => ("tillagt", "struket", "Understruken text läggs till, genomstruken text stryks. Förslagsställaren står efter varje ändring."),
        Lang::En => ("inserted", "deleted", "Underlined text is inserted, struck-through text deleted. The proposer follows each change."),
    };
    let mut body = String::new();
    let mut in_list = false;
    for b in tracked_blocks(runs) {
        if (b.kind == "list_item") != in_list {
            body.push_str(if in_list { "</ul>\n" } else { "<ul>\n" });
            in_list = !in_list;
        }
        let tag = match b.kind {
            "heading" => format!("h{}", b.level.clamp(1, 6)),
            "list_item" => "li".to_string(),
            _ => "p".to_string(),
        };
        body.push_str(&format!("<{tag} class=\"block-{}\">", b.status));
        for r in &b.runs {
            let text = escape_html(&r.text);
            match r.tag {
                Tag::Equal => body.push_str(&text),
                Tag::Insert | Tag::Delete => {
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
            }
        }
        body.push_str(&format!("</{tag}>\n"));
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    let legend = if legend {
        format!("<p><small>{legend_text}</small></p>\n")
    } else {
        String::new()
    };
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n{legend}{body}</body>\n</html>\n",
        if lang == Lang::Sv { "sv" } else { "en" },
        escape_html(title)
    )
}

/// Tracked changes as CriticMarkup: `{++ ++}`, `{-- --}`, `{~~ ~> ~~}`, each
/// followed by a `{>> proposer <<}` comment.
pub fn critic_markup(runs: &[Run], labels: &Labels) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let r = &runs[i];
        let who = label_of(labels, &r.by, false);
        let next = runs
            .get(i + 1)
            .filter(|n| n.tag == Tag::Insert && n.by == r.by);
        match (r.tag, next) {
            (Tag::Equal, _) => out.push_str(&escape_markdown_html(&r.text)),
            // a substitution within one paragraph
            (Tag::Delete, Some(n)) if !r.text.contains("\n\n") && !n.text.contains("\n\n") => {
                out.push_str(&format!(
                    "{{~~{}~>{}~~}}{{>>{who}<<}}",
                    escape_markdown_html(&r.text),
                    escape_markdown_html(&n.text)
                ));
                i += 1;
            }
            (Tag::Delete, _) => critic_paragraphs(&mut out, "--", &r.text, &who),
            (Tag::Insert, _) => critic_paragraphs(&mut out, "++", &r.text, &who),
        }
        i += 1;
    }
    out
}

/// One CriticMarkup mark per paragraph (CriticMarkup does not span
/// paragraphs), the blank lines between them and the Markdown markers of a
/// block kept outside the marks so headings stay headings.
fn critic_paragraphs(out: &mut String, mark: &str, text: &str, who: &str) {
    let pieces: Vec<&str> = text.split("\n\n").collect();
    let last = pieces
        .iter()
        .rposition(|p| !p.trim_matches('\n').is_empty());
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 {
            out.push_str("\n\n");
        }
        let body = piece.trim_matches('\n');
        if body.is_empty() {
            out.push_str(piece);
            continue;
        }
        let lead = &piece[..piece.len() - piece.trim_start_matches('\n').len()];
        let trail = &piece[piece.trim_end_matches('\n').len()..];
        let hashes = body.chars().take_while(|&c| c == '#').count();
        let marker_len = if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
            hashes + 1
        } else if body.starts_with("- ") && k > 0 {
            2
        } else {
            0
        };
        // a block's marker only when the piece starts a block
        let marker_len = if k > 0 || out.is_empty() || out.ends_with("\n\n") || !lead.is_empty() {
            marker_len
        } else {
            0
        };
        let (marker, rest) = body.split_at(marker_len);
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(&format!("{{{mark}{}{mark}}}", escape_markdown_html(rest)));
        if Some(k) == last {
            out.push_str(&format!("{{>>{who}<<}}"));
        }
        out.push_str(trail);
    }
}

/// Backslash-escapes every `<` that could open an HTML tag, comment or
/// declaration, so that user text in exported Markdown shows as text in any
/// Markdown viewer instead of being passed through as HTML.
pub fn escape_markdown_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
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
        }
    }

    #[test]
    fn critic_marks_stay_within_paragraphs() {
        let runs = [
            run(Tag::Equal, "# Plan\n\n"),
            run(Tag::Delete, "## Gone\n\nIts text.\n\n"),
            run(Tag::Equal, "## Next\n\nKept.\n"),
        ];
        let out = critic_markup(&runs, &Labels::new());
        assert_eq!(
            out,
            "# Plan\n\n## {--Gone--}\n\n{--Its text.--}{>>a<<}\n\n## Next\n\nKept.\n"
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
