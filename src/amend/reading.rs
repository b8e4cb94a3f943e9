//! Operations read from a proposal's Swedish wording, for the forms minutes
//! use:
//!
//! | wording | operation |
//! |---|---|
//! | Rubriken ”X” tas bort. | `delete_section` X (see the README: a heading is not removed on its own) |
//! | Hela avsnittet med rubriken X på sidan 3 föreslås strykas. | `delete_section` X, page 3 |
//! | I avsnittet X ändras ”…” till: ”…” | `replace`, in section X |
//! | ”…” ersätts med ”…” / byts ut mot ”…” | `replace` |
//! | Meningen ”…” stryks. | `delete` |
//! | Under rubriken X läggs följande mening till: ”…” | `insert` a sentence at the end of X (a paragraph for "stycke", "text") |
//! | Efter ”…” läggs till ”…” | `insert` after the quote (before, for "före") |
//! | Under rubriken X yrkar C att … | `insert` a paragraph at the end of X: the text after "att" |
//!
//! A numbered list ("1. … 2. …") is one operation per item; quotes may be
//! ”…”, "…", “…”, „…“ or »…«, mixed, and line breaks may fall anywhere.
//! What cannot be read is an [`Unread`] naming the part.

use crate::amendment::{InsertAs, Op, Position};
use serde::Serialize;

/// A part of a wording no form fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unread {
    /// The part (a numbered item, or the whole wording).
    pub part: String,
    /// What is missing, in English.
    pub why: String,
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "could not read ”{}”: {}",
            crate::text::excerpt(&self.part, 120),
            self.why
        )
    }
}

/// The operations of a wording (see the module docs).
pub fn read_wording(wording: &str) -> Result<Vec<Op>, Unread> {
    let items = items(wording);
    let mut ops = Vec::new();
    for item in &items {
        match read_item(item) {
            Ok(op) => ops.push(op),
            // a lead-in ("… föreslår följande ändringar:") before numbered items
            Err(_) if items.len() > 1 && item.trim_end().ends_with(':') => {}
            Err(why) => {
                return Err(Unread {
                    part: one_line(item),
                    why,
                })
            }
        }
    }
    if ops.is_empty() {
        return Err(Unread {
            part: one_line(wording),
            why: "there is no change in it".into(),
        });
    }
    Ok(ops)
}

/// The wording's numbered items ("1. …", "2) …" starting a line), or the
/// whole of it.
fn items(wording: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in wording.lines() {
        let t = line.trim_start();
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let numbered = digits > 0
            && matches!(t[digits..].chars().next(), Some('.' | ')'))
            && t[digits + 1..].starts_with(' ');
        if numbered {
            out.push(t[digits + 1..].trim().to_string());
        } else if let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(line);
        } else {
            out.push(line.to_string());
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a quote stood in a skeleton (one byte, never in a wording).
const MARK: char = '\u{1}';

/// A wording with its quotes taken out: the words around them in lower
/// case with [`MARK`] where each quote stood, and the quotes.
struct Shape {
    skeleton: String,
    quotes: Vec<String>,
}

const OPEN: [char; 6] = ['"', '”', '“', '„', '»', '«'];
const CLOSE: [char; 5] = ['"', '”', '“', '«', '»'];

fn shape(item: &str) -> Shape {
    let text = one_line(item);
    let mut skeleton = String::new();
    let mut quotes = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find(OPEN) {
        let open_len = rest[i..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[i + open_len..];
        let Some(j) = after.find(CLOSE) else { break };
        skeleton.push_str(&rest[..i].to_lowercase());
        skeleton.push(MARK);
        quotes.push(after[..j].trim().to_string());
        let close_len = after[j..].chars().next().map_or(1, char::len_utf8);
        rest = &after[j + close_len..];
    }
    skeleton.push_str(&rest.to_lowercase());
    Shape { skeleton, quotes }
}

/// The words of the skeleton that end an unquoted heading.
const HEADING_ENDS: [&str; 16] = [
    " föreslås",
    " ändras",
    " ska ",
    " läggs",
    " tillförs",
    " stryks",
    " tas bort",
    " utgår",
    " på sidan",
    " på sid",
    " (sid",
    " yrkar",
    " föreslår",
    ":",
    ",",
    " att ",
];

/// Reads one change.
fn read_item(item: &str) -> Result<Op, String> {
    let s = shape(item);
    let k = s.skeleton.as_str();
    let page = page(k);
    let section = named_after(
        &s,
        item,
        &[
            "i avsnittet med rubriken ",
            "i avsnittet ",
            "under rubriken ",
        ],
    )
    .or_else(|| numbered_section(k));
    // a replacement: "… ”a” ändras till: ”b”", "ändras ”a” till ”b”",
    // "”a” ersätts med ”b”"
    if let Some((key, pivot)) = replacement_pivot(k) {
        let (before, after) = quotes_around(&s, pivot);
        // "… under 2.5 ”Närvara på distans” ändras till …": a section's name,
        // not the old text
        let before = before.filter(|_| !names_a_section(k, pivot));
        let (Some(quote), Some(text)) = (before, after) else {
            return Err(format!(
                "a replacement (”{key}”) needs the old and the new text, each in quotes"
            ));
        };
        let mut op = Op::replace(&quote, &text);
        op.section = section;
        op.page = page;
        return Ok(op);
    }
    // an insertion after or before a quote
    for (key, position) in [("efter", Position::After), ("före", Position::Before)] {
        if let Some(quote) = quote_following(&s, key) {
            if let Some(at) = [
                "läggs till",
                "läggas till",
                "tillförs",
                "infogas",
                "lägga till",
            ]
            .iter()
            .find_map(|w| k.find(w))
            {
                let Some(text) = quotes_around(&s, at)
                    .1
                    .or_else(|| quotes_around(&s, k.len()).0.filter(|t| *t != quote))
                else {
                    return Err("an insertion needs the new text in quotes".into());
                };
                return Ok(Op::insert_at_quote(
                    position,
                    &quote,
                    &text,
                    InsertAs::Sentence,
                ));
            }
        }
    }
    // an insertion under a heading
    if let Some(heading) = named_after(&s, item, &["under rubriken ", "i avsnittet "]) {
        let adds = [
            "läggs till",
            "läggas till",
            "tillförs",
            "tillföras",
            "läggs följande",
            "lägga till",
            "infogas",
        ];
        if let Some(at) = adds.iter().find_map(|w| k.find(w)) {
            let text = quotes_around(&s, at).1.or_else(|| quotes_around(&s, at).0);
            let Some(text) = text else {
                return Err("an addition needs its text in quotes".into());
            };
            let insert_as = if k.contains("mening") {
                InsertAs::Sentence
            } else {
                InsertAs::Paragraph
            };
            return Ok(Op::insert_in_section(
                Position::End,
                &heading,
                &text,
                insert_as,
            ));
        }
        // "Under rubriken X yrkar C att det … förtydligas …"
        if let Some(clause) = request_clause(item) {
            return Ok(Op::insert_in_section(
                Position::End,
                &heading,
                &clause,
                InsertAs::Paragraph,
            ));
        }
    }
    // a deletion of a passage
    let strikes = ["stryks", "stryka", "tas bort", "utgår", "strykas", "tas ur"];
    let struck = strikes.iter().find_map(|w| k.find(w));
    if let Some(at) = struck {
        let whole_section = k.contains("avsnittet") && !k.contains(MARK)
            || k.starts_with("hela avsnittet")
            || k.starts_with("rubriken");
        if whole_section
            || (k.contains("rubriken") && s.quotes.len() <= 1 && !k.contains("meningen"))
        {
            let Some(heading) = named_after(
                &s,
                item,
                &[
                    "hela avsnittet med rubriken ",
                    "avsnittet med rubriken ",
                    "rubriken ",
                    "hela avsnittet ",
                    "avsnittet ",
                ],
            ) else {
                return Err("a section to strike needs its heading".into());
            };
            let mut op = Op::delete_section(&heading);
            op.page = page;
            return Ok(op);
        }
        let (before, after) = quotes_around(&s, at);
        if let Some(quote) = before.or(after) {
            let mut op = Op::delete(&quote);
            op.section = section;
            op.page = page;
            return Ok(op);
        }
        return Err("a deletion needs the passage in quotes, or the heading of the section".into());
    }
    Err("no known form: a replacement (”… ändras till …”), a deletion (”… stryks”, ”Rubriken … tas bort”) or an addition (”Under rubriken … läggs följande mening till: …”, ”efter … läggs till …”)".into())
}

/// Where a replacement turns from the old text to the new: the keyword
/// and the byte of the skeleton between the two quotes ("ändras ”a” till
/// ”b”": at "till").
fn replacement_pivot(k: &str) -> Option<(&'static str, usize)> {
    for key in [
        "ersätts med",
        "byts ut mot",
        "ska lyda",
        "får lydelsen",
        "ersätts av",
    ] {
        if let Some(i) = k.find(key) {
            return Some((key, i));
        }
    }
    for key in ["ändras", "ändra"] {
        if let Some(i) = k.find(key) {
            let till = k[i..].find(" till").map(|j| i + j)?;
            return Some(("ändras till", till));
        }
    }
    None
}

/// Is the last quote before `pivot` the name of a section ("under 2.5
/// ”…”", "rubriken ”…”") rather than a passage?
fn names_a_section(k: &str, pivot: usize) -> bool {
    let Some(q) = k[..pivot].rfind(MARK) else {
        return false;
    };
    let lead = k[..q].trim_end();
    let lead = lead
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_end();
    ["under", "rubriken", "avsnittet", "punkten", "kapitlet"]
        .iter()
        .any(|w| lead.ends_with(w))
}

/// "i 2.21 stryka meningen": a section named by its number.
fn numbered_section(k: &str) -> Option<String> {
    // "i" as a word of its own
    let i = if k.starts_with("i ") {
        0
    } else {
        k.find(" i ")? + 1
    };
    let word: String = k[i + 2..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let word = word.trim_end_matches('.');
    (word.contains('.') && k[i + 2 + word.len()..].starts_with([' ', '.', ':']))
        .then(|| word.to_string())
}

/// The page a skeleton names: "på sidan 4", "(sidan 4)", "på sid. 4", "s. 4".
fn page(k: &str) -> Option<u32> {
    for key in [
        "på sidan ",
        "(sidan ",
        "på sid. ",
        "på sid ",
        "sidan ",
        " s. ",
    ] {
        if let Some(i) = k.find(key) {
            let n: String = k[i + key.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(p) = n.parse() {
                return Some(p);
            }
        }
    }
    None
}

/// The quote just before and just after byte `at` of the skeleton.
fn quotes_around(s: &Shape, at: usize) -> (Option<String>, Option<String>) {
    let before = s.skeleton[..at].matches(MARK).count();
    let get = |i: usize| s.quotes.get(i).cloned().filter(|q| !q.is_empty());
    (before.checked_sub(1).and_then(get), get(before))
}

/// The quote right after the word `key` ("efter ”…”", "efter meningen ”…”").
fn quote_following(s: &Shape, key: &str) -> Option<String> {
    let k = &s.skeleton;
    let mut from = 0;
    while let Some(i) = k[from..].find(key) {
        let at = from + i;
        let word_start = at == 0 || !k[..at].ends_with(char::is_alphanumeric);
        let rest = &k[at + key.len()..];
        let lead: String = rest.chars().take_while(|c| *c != MARK).collect();
        let near = lead.split_whitespace().count() <= 2 && !lead.contains(['.', ':']);
        if word_start && near && rest.contains(MARK) {
            return quotes_around(s, at + key.len() + lead.len() + 1).0;
        }
        from = at + key.len();
    }
    None
}

/// The heading or section named after one of `keys`: in quotes, or the
/// words up to the next keyword.
fn named_after(s: &Shape, item: &str, keys: &[&str]) -> Option<String> {
    let k = &s.skeleton;
    let (key, at) = keys.iter().find_map(|key| k.find(key).map(|i| (*key, i)))?;
    let rest = &k[at + key.len()..];
    if rest.starts_with(MARK) {
        return quotes_around(s, at + key.len() + 1).0;
    }
    let end = HEADING_ENDS
        .iter()
        .filter_map(|e| rest.find(e))
        .chain(rest.find(MARK))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches('.');
    if name.is_empty() {
        return None;
    }
    // the heading as written (its case), found in the wording's own words
    let text = one_line(item);
    let lower = text.to_lowercase();
    match lower.find(name) {
        Some(i) if lower.len() == text.len() => Some(text[i..i + name.len()].to_string()),
        _ => Some(name.to_string()),
    }
}

/// "… yrkar Centerpartiet att det i arbete … förtydligas att …": the clause
/// after the first "att", as a sentence of its own.
fn request_clause(item: &str) -> Option<String> {
    let text = one_line(item);
    let lower = text.to_lowercase();
    let verb = ["yrkar ", "föreslår ", "föreslås "]
        .iter()
        .find_map(|v| lower.find(v))?;
    let att = lower[verb..].find(" att ")? + verb + 5;
    let clause = text[att..].trim();
    let mut chars = clause.chars();
    let first = chars.next()?;
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?', '”', '"']) {
        out.push('.');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amendment::Action;

    #[test]
    fn quotes_of_every_kind_come_out_of_the_skeleton() {
        let s = shape("I avsnittet X ändras \"gamla\nord” till: „nya ord“.");
        assert_eq!(s.skeleton, "i avsnittet x ändras \u{1} till: \u{1}.");
        assert_eq!(s.quotes, ["gamla ord", "nya ord"]);
    }

    #[test]
    fn a_numbered_list_is_one_operation_per_item() {
        let ops = read_wording(
            "Följande ändringar:\n1. Rubriken ”A” tas bort.\n2. Meningen ”B är bra.” stryks.\n3. Under rubriken C läggs följande mening till: ”D.”",
        )
        .unwrap();
        let actions: Vec<Action> = ops.iter().map(|o| o.action).collect();
        assert_eq!(
            actions,
            [Action::DeleteSection, Action::Delete, Action::Insert]
        );
        assert_eq!(ops[1].quote.as_deref(), Some("B är bra."));
        assert_eq!(ops[2].heading.as_deref(), Some("C"));
        assert_eq!(ops[2].text.as_deref(), Some("D."));
    }

    #[test]
    fn what_cannot_be_read_is_named() {
        let e = read_wording("1. Rubriken ”A” tas bort.\n2. Att skrivningen om lokaler ses över.")
            .unwrap_err();
        assert_eq!(e.part, "Att skrivningen om lokaler ses över.");
        assert!(
            e.to_string().starts_with("could not read ”Att skrivningen"),
            "{e}"
        );
    }
}
