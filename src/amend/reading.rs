//! Operations read from a proposal's Swedish wording, for the forms minutes
//! use:
//!
//! | wording | operation |
//! |---|---|
//! | Rubriken ”X” tas bort. | `delete_section` X (see the README: a heading is not removed on its own) |
//! | Hela avsnittet med rubriken X på sidan 3 föreslås strykas. | `delete_section` X, page 3 |
//! | I avsnittet X ändras ”…” till: ”…” | `replace`, in section X |
//! | ”…” ersätts med ”…” / byts ut mot ”…” / omformuleras till ”…” | `replace` |
//! | Målet ”M” ska ändras från ”a” till ”b” | `replace` a with b, in section M |
//! | Meningen ”…” stryks. · Meningen ”…” under ”X” stryks. | `delete` (in section X) |
//! | Under rubriken X läggs följande mening till: ”…” | `insert` a sentence at the end of X (a paragraph for "stycke", "text") |
//! | … med tillägget under rubriken ”X”: ”…” · … under ”X” ska kompletteras med: ”…” | `insert` a paragraph at the end of X |
//! | Efter ”…” läggs till ”…” | `insert` after the quote (before, for "före") |
//! | Under rubriken X yrkar C att … | `insert` a paragraph at the end of X: the text after "att" |
//!
//! A numbered or bulleted list ("1. … 2. …", "– … – …") is one operation
//! per item; quotes may be ”…”, "…", “…”, „…“ or »…«, mixed, and line
//! breaks may fall anywhere. The old and new text may also stand unquoted
//! on lines of their own after a colon ("mål: • … Ersätts med: • …", see
//! [`blocks`]).
//!
//! What cannot be read is an [`Unread`] naming the part, and so is what
//! looks like a change but is not one of a passage: a row of a table named
//! by its project or post ("Projekt ”Kommunhus” utgår"), a part of a word
//! ("”stad” stryks ur ordet ”stadsdel”"), two passages with none named as
//! the one struck, or an addition placed by counting ("efter tredje
//! meningen").

mod blocks;

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
    if let Some(read) = blocks::read(wording) {
        return read.map_err(|why| Unread {
            part: one_line(wording),
            why,
        });
    }
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

/// The wording's items: numbered ("1. …", "2) …") or bulleted ("– …",
/// "• …") at the start of a line; or the whole of it.
fn items(wording: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in wording.lines() {
        if let Some(item) = numbered(line).or_else(|| bulleted(line)) {
            out.push(item.trim().to_string());
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

/// The item of a numbered line ("1. …", "2) …").
fn numbered(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = t[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && rest.starts_with(' ')).then_some(rest)
}

/// The item of a bulleted line ("– …", "- …", "‐ …", "• …", "* …").
fn bulleted(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(['-', '‐', '–', '•', '*'])?;
    rest.starts_with(' ').then_some(rest)
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

/// The words of a deletion.
const STRIKES: [&str; 6] = ["stryks", "stryka", "tas bort", "utgår", "strykas", "tas ur"];

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
    if names_a_row(&s) {
        return Err("a row of a table (a project, a post) is named, not its text: quote the text to strike or change".into());
    }
    let page = page(k);
    let section = named_section(&s, item);
    // a replacement: "… ”a” ändras till: ”b”", "ändras ”a” till ”b”",
    // "”a” ersätts med ”b”"
    if let Some((key, pivot)) = replacement_pivot(k) {
        // "… under 2.5 ”Närvara på distans” ändras till …": a section's name,
        // not the old text
        let old = (0..quotes_before(&s, pivot))
            .rev()
            .find(|&i| !names_a_section(&s, i, false));
        let (Some(old), Some(text)) = (old, quotes_around(&s, pivot).1) else {
            return Err(format!(
                "a replacement (”{key}”) needs the old and the new text, each in quotes"
            ));
        };
        let mut op = Op::replace(&s.quotes[old], &text);
        // "målet ”X” ska ändras från ”a” till ”b”": the quote naming where
        op.section = section.or_else(|| section_quote(&s, old, true));
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
    if let Some(read) = addition_under_heading(&s, item) {
        return read;
    }
    // a deletion of a passage
    if STRIKES.iter().any(|w| k.contains(w)) {
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
        if k.contains("stryks ur") || k.contains("strykas ur") {
            return Err("a part of a word or passage (”… stryks ur …”) is struck by rewording the passage: ”… ändras till …”".into());
        }
        let passages: Vec<usize> = (0..s.quotes.len())
            .filter(|&i| !names_a_section(&s, i, false))
            .collect();
        let passage = match passages[..] {
            [] => None,
            [one] => Some(one),
            _ => passages.iter().copied().find(|&i| names_a_passage(&s, i)),
        };
        let Some(passage) = passage else {
            return Err(if passages.len() > 1 {
                "a deletion names more than one passage; say which with ”meningen ”…” stryks”"
                    .into()
            } else {
                "a deletion needs the passage in quotes, or the heading of the section".into()
            });
        };
        let mut op = Op::delete(&s.quotes[passage]);
        op.section = section.or_else(|| section_quote(&s, passage, false));
        op.page = page;
        return Ok(op);
    }
    Err("no known form: a replacement (”… ändras till …”), a deletion (”… stryks”, ”Rubriken … tas bort”) or an addition (”Under rubriken … läggs följande mening till: …”, ”efter … läggs till …”)".into())
}

/// The section a wording names by its heading ("i avsnittet X", "under
/// rubriken X") or its number ("i 2.21", "avsnitt 2.1").
fn named_section(s: &Shape, item: &str) -> Option<String> {
    named_after(
        s,
        item,
        &[
            "i avsnittet med rubriken ",
            "i avsnittet ",
            "under rubriken ",
        ],
    )
    .or_else(|| numbered_section(&s.skeleton))
}

/// The words of an addition.
const ADDS: [&str; 12] = [
    "läggs till",
    "läggas till",
    "tillförs",
    "tillföras",
    "tillföra",
    "läggs följande",
    "lägga till",
    "infogas",
    "med tillägget",
    "kompletteras med",
    "kompletteras",
    "läggs in",
];

/// An insertion at the end of a section: "Under rubriken X läggs följande
/// mening till: ”…”", "… tillägg under ”X” ska kompletteras med: ”…”",
/// "Under rubriken X yrkar C att …".
fn addition_under_heading(s: &Shape, item: &str) -> Option<Result<Op, String>> {
    let k = s.skeleton.as_str();
    let named = named_after(s, item, &["under rubriken ", "i avsnittet "]);
    let heading = named
        .clone()
        .or_else(|| section_quote(s, usize::MAX, false))?;
    if let Some(why) = counted_place(k) {
        return Some(Err(why));
    }
    let Some(at) = ADDS.iter().find_map(|w| k.find(w)) else {
        // "Under rubriken X yrkar C att det … förtydligas …" (a clause that
        // strikes is a deletion, read below)
        let strikes = STRIKES.iter().any(|w| k.contains(w));
        let clause = request_clause(item).filter(|_| named.is_some() && !strikes)?;
        return Some(Ok(Op::insert_in_section(
            Position::End,
            &heading,
            &clause,
            InsertAs::Paragraph,
        )));
    };
    // the first quote after the keyword that is not the heading ("med
    // tillägget under rubriken ”X”: ”…”"), or the one before
    let after = (quotes_before(s, at)..s.quotes.len())
        .map(|i| &s.quotes[i])
        .find(|q| **q != heading && !q.is_empty())
        .cloned();
    let Some(text) = after.or_else(|| quotes_around(s, at).0) else {
        return Some(Err("an addition needs its text in quotes".into()));
    };
    let insert_as = if k.contains("mening") {
        InsertAs::Sentence
    } else {
        InsertAs::Paragraph
    };
    Some(Ok(Op::insert_in_section(
        Position::End,
        &heading,
        &text,
        insert_as,
    )))
}

/// A place given by counting ("efter tredje meningen", "sist i andra
/// stycket"), which an insertion cannot take: it needs the sentence it
/// goes after, quoted.
fn counted_place(k: &str) -> Option<String> {
    let ordinals = [
        "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde",
    ];
    let units = [" mening", " stycke", " punkt"];
    let counted = ordinals.iter().find_map(|o| {
        k.match_indices(o).find_map(|(at, _)| {
            let whole = at == 0 || !k[..at].ends_with(char::is_alphanumeric);
            let rest = &k[at + o.len()..];
            (whole && units.iter().any(|u| rest.starts_with(u))).then(|| {
                let end = rest[1..]
                    .find([' ', ',', ':', '.'])
                    .map_or(rest.len(), |e| e + 1);
                format!("{o}{}", &rest[..end])
            })
        })
    })?;
    Some(format!(
        "the place is given by counting (”{counted}”): quote the sentence the addition goes after (”efter ”…” läggs till ”…””)"
    ))
}

/// Where a replacement turns from the old text to the new: the keyword
/// and the byte of the skeleton between the two quotes ("ändras ”a” till
/// ”b”": at "till").
fn replacement_pivot(k: &str) -> Option<(&'static str, usize)> {
    for key in [
        "ersätts med",
        "ersättas med",
        "byts ut mot",
        "bytas ut mot",
        "ska lyda",
        "får lydelsen",
        "ersätts av",
        "ersättas av",
    ] {
        if let Some(i) = k.find(key) {
            return Some((key, i));
        }
    }
    for key in ["ändras", "ändra", "omformuleras"] {
        if let Some(i) = k.find(key) {
            let till = k[i..].find(" till").map(|j| i + j)?;
            return Some(("ändras till", till));
        }
    }
    None
}

/// The words before a quote that make it the name of a section ("under
/// 2.5 ”…”", "rubriken ”…”"), of a goal ("målet ”…” ska ändras från …",
/// with `goals`), or of a row of a table ("projektet ”…” utgår").
const SECTION_WORDS: [&str; 5] = ["under", "rubriken", "avsnittet", "punkten", "kapitlet"];
const GOAL_WORDS: [&str; 3] = ["mål", "målet", "målen"];
const ROW_WORDS: [&str; 5] = ["projekt", "projektet", "posten", "raden", "anslaget"];

/// The skeleton's words before quote `i`, lower case, up to the quote
/// before it, with a section's number ("under 2.5") left out.
fn lead_of(s: &Shape, i: usize) -> &str {
    let k = s.skeleton.as_str();
    let Some((at, _)) = k.match_indices(MARK).nth(i) else {
        return "";
    };
    let from = k[..at].rfind(MARK).map_or(0, |j| j + MARK.len_utf8());
    k[from..at]
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_end()
}

fn ends_with_word(lead: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        lead.strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
    })
}

/// Is quote `i` the name of a section (or, with `goals`, of a goal) rather
/// than a passage?
fn names_a_section(s: &Shape, i: usize, goals: bool) -> bool {
    let lead = lead_of(s, i);
    ends_with_word(lead, &SECTION_WORDS) || (goals && ends_with_word(lead, &GOAL_WORDS))
}

/// Does the wording name quote `i` as the passage ("meningen ”…”")?
fn names_a_passage(s: &Shape, i: usize) -> bool {
    let words = [
        "meningen",
        "meningarna",
        "stycket",
        "texten",
        "formuleringen",
        "skrivningen",
        "orden",
        "ordet",
        "målet",
    ];
    ends_with_word(lead_of(s, i), &words)
}

/// The first quote other than `passage` that names a section (or a goal,
/// with `goals`): where a passage is.
fn section_quote(s: &Shape, passage: usize, goals: bool) -> Option<String> {
    (0..s.quotes.len())
        .filter(|&i| i != passage)
        .find(|&i| names_a_section(s, i, goals))
        .map(|i| s.quotes[i].clone())
}

/// Does the wording strike or change a row of a table by its name
/// ("Projekt ”Kommunhus” utgår", "posten ”…” stryks, - 10 mnkr")?
fn names_a_row(s: &Shape) -> bool {
    (0..s.quotes.len()).any(|i| ends_with_word(lead_of(s, i), &ROW_WORDS))
}

/// "i 2.21 stryka meningen", "avsnitt 2.1 Nybyggnation": a section named
/// by its number (one with a dot in it), the first the skeleton names.
fn numbered_section(k: &str) -> Option<String> {
    let words = [
        "i",
        "avsnitt",
        "avsnittet",
        "punkt",
        "punkten",
        "kapitel",
        "kapitlet",
        "under",
    ];
    let mut found: Option<(usize, String)> = None;
    for word in words {
        for (at, _) in k.match_indices(word) {
            let whole = at == 0 || !k[..at].ends_with(char::is_alphanumeric);
            let Some(rest) = k[at + word.len()..].strip_prefix(' ') else {
                continue;
            };
            let number: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let number = number.trim_end_matches('.');
            let ends = rest[number.len()..].starts_with([' ', '.', ':', ',']);
            let dotted = number.contains('.') && number.starts_with(|c: char| c.is_ascii_digit());
            if whole && dotted && ends && found.as_ref().is_none_or(|(f, _)| at < *f) {
                found = Some((at, number.to_string()));
            }
        }
    }
    found.map(|(_, n)| n)
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

/// How many quotes stand before byte `at` of the skeleton.
fn quotes_before(s: &Shape, at: usize) -> usize {
    s.skeleton[..at].matches(MARK).count()
}

/// The quote just before and just after byte `at` of the skeleton.
fn quotes_around(s: &Shape, at: usize) -> (Option<String>, Option<String>) {
    let before = quotes_before(s, at);
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
