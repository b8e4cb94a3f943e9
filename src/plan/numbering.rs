//! List numbering, decided in one place for the model and every writer:
//! which items make one list, the list's numbering style (decided from the
//! list as a whole: "i." could be a letter or a roman numeral), the value
//! of a marker and the marker of a value.
//!
//! Consecutive items at one depth make one list while their markers are of
//! one kind (bullets; numbers, letters or roman numerals with the same "."
//! or ")"); a shallower item or another block ends it. A list is roman when
//! every marker is a roman numeral and it starts at "i." or has one of
//! several letters ("ii.", "iv."): "h." "i." "j." are letters. A list starts
//! at its first item's value; the items after it count on. In tracked
//! text a block deleted whole between items kept does not end their list
//! (see [`lists_across`]), as the adopted text joins them.

/// How a list is numbered: `b'1'` numbers, `b'a'` letters, `b'i'` roman
/// numerals, `b'-'` bullets, `b'?'` markers written as they are ("2.3.");
/// upper case or not; and what follows the number ('.' or ')').
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Style {
    pub format: u8,
    pub upper: bool,
    pub close: char,
}

/// One list: its style, the depth of its items and its first value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub style: Style,
    pub depth: u8,
    pub start: u32,
}

/// The lists of a run of blocks: `of[i]` is the list of block `i` (an index
/// into `lists`), `value[i]` its number counted on from the list's start
/// (0 for a block that is not a list item).
#[derive(Debug, Default)]
pub struct Lists {
    pub of: Vec<Option<usize>>,
    pub value: Vec<u32>,
    pub lists: Vec<List>,
}

/// The kind of a marker before its list is seen (letters and roman
/// numerals alike).
fn kind(m: &str) -> Style {
    let (body, close) = split(m);
    let format = match body.as_bytes().first() {
        _ if close == ' ' => b'-',
        Some(b) if b.is_ascii_digit() && body.parse::<u32>().is_ok() => b'1',
        Some(_) if letter_value(body).or_else(|| roman_value(body)).is_some() => b'a',
        _ => b'?',
    };
    let upper = format == b'a' && body.bytes().all(|b| b.is_ascii_uppercase());
    Style {
        format,
        upper,
        close,
    }
}

fn split(m: &str) -> (&str, char) {
    match m.chars().last() {
        Some(c @ ('.' | ')')) if m.len() > 1 => (&m[..m.len() - 1], c),
        _ => (m, ' '),
    }
}

/// The lists of blocks given as `(depth, marker, deleted)` for a list item
/// and `None` for any other block. An item that follows only deleted items
/// of its list starts a list of its own, so that a view without them
/// starts at its number; but not when its marker is the list's first
/// marker again ("i." after a deleted "i." "ii." "iii."): then the view
/// without them starts where the list does, and the view with them counts
/// on ("iv."), as the plan does.
pub fn lists(items: &[Option<(u8, &str, bool)>]) -> Lists {
    lists_across(items, &[])
}

/// [`lists`] of tracked blocks, `gone[i]` telling whether block `i` is
/// deleted whole: a deleted block that is not a list item, between an item
/// kept and one kept after the deleted blocks, does not end the lists
/// before it, as the adopted text, without it, joins the items on either
/// side (a view with it then counts on across it too).
pub fn lists_across(items: &[Option<(u8, &str, bool)>], gone: &[bool]) -> Lists {
    let deleted = |j: usize| match items[j] {
        Some((_, _, d)) => d,
        None => gone.get(j).copied().unwrap_or(false),
    };
    // does a kept list item come next after the deleted blocks from `i` on?
    let item_next = |i: usize| {
        (i..items.len())
            .find(|&j| !deleted(j))
            .is_some_and(|j| items[j].is_some())
    };
    let mut out = Lists::default();
    // per list: its kind, its markers and whether all its items are deleted
    let mut found: Vec<(Style, Vec<&str>, bool)> = Vec::new();
    let mut open: Vec<Option<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some((depth, m, deleted)) = *item else {
            let kept_before = open.iter().flatten().any(|&l| !found[l].2);
            if !(deleted(i) && kept_before && item_next(i)) {
                open.clear();
            }
            out.of.push(None);
            out.value.push(0);
            continue;
        };
        let d = usize::from(depth);
        open.truncate(d + 1);
        open.resize(d + 1, None);
        let k = kind(m);
        let l = match open[d] {
            Some(l) if found[l].0 == k && (deleted || !found[l].2 || found[l].1[0] == m) => l,
            _ => {
                found.push((k, Vec::new(), true));
                out.lists.push(List {
                    style: k,
                    depth,
                    start: 1,
                });
                found.len() - 1
            }
        };
        found[l].1.push(m);
        found[l].2 &= deleted;
        open[d] = Some(l);
        out.of.push(Some(l));
        out.value.push(found[l].1.len() as u32);
    }
    for (list, (_, markers, _)) in out.lists.iter_mut().zip(&found) {
        list.style = style(markers);
        list.start = value(markers[0], list.style).unwrap_or(1).max(1);
    }
    for (v, l) in out.value.iter_mut().zip(&out.of) {
        if let Some(l) = l {
            *v += out.lists[*l].start - 1;
        }
    }
    out
}

/// The style of a list whose markers are `markers` (at least one).
pub fn style(markers: &[&str]) -> Style {
    let mut s = kind(markers[0]);
    let bodies = markers.iter().map(|m| split(m).0);
    if s.format == b'a'
        && bodies.clone().all(|b| roman_value(b).is_some())
        && (split(markers[0]).0.eq_ignore_ascii_case("i") || bodies.clone().any(|b| b.len() > 1))
    {
        s.format = b'i';
    }
    s
}

/// The style of the list block `b` of `blocks` is an item of.
pub(crate) fn style_at(blocks: &[crate::doc::Block], b: usize) -> Option<Style> {
    let items: Vec<_> = blocks
        .iter()
        .map(|x| {
            (x.kind == crate::doc::BlockKind::ListItem).then_some((
                x.depth,
                x.marker.as_str(),
                false,
            ))
        })
        .collect();
    let l = lists(&items);
    Some(l.lists[l.of[b]?].style)
}

impl Lists {
    /// The number of block `i` in its list's style, with its "." or ")";
    /// `None` for a bullet or a marker written as it is.
    pub fn marker(&self, i: usize) -> Option<String> {
        marker(self.lists[self.of[i]?].style, self.value[i])
    }
}

/// The value of marker `m` in a list of style `s` ("iv." → 4, "c)" → 3).
pub fn value(m: &str, s: Style) -> Option<u32> {
    let body = split(m).0;
    match s.format {
        b'1' => body.parse().ok(),
        b'a' => letter_value(body),
        b'i' => roman_value(body),
        _ => None,
    }
}

/// The marker of value `v` in style `s`; `None` for bullets, markers
/// written as they are, and letters after "z".
pub fn marker(s: Style, v: u32) -> Option<String> {
    let mut body = match s.format {
        b'1' => v.to_string(),
        b'a' if (1..=26).contains(&v) => char::from(b'a' + (v - 1) as u8).to_string(),
        b'i' => {
            let mut n = v;
            let mut r = String::new();
            for (d, t) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
            ]
            .into_iter()
            .chain([
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ]) {
                while n >= d {
                    r.push_str(t);
                    n -= d;
                }
            }
            r
        }
        _ => return None,
    };
    if s.upper {
        body.make_ascii_uppercase();
    }
    Some(format!("{body}{}", s.close))
}

/// "a" → 1, "c" → 3, "aa" → 27 (Word's letters after "z").
fn letter_value(s: &str) -> Option<u32> {
    let first = s.bytes().next()?;
    if !first.is_ascii_alphabetic() || !s.bytes().all(|b| b == first) {
        return None;
    }
    Some((s.len() as u32 - 1) * 26 + u32::from(first.to_ascii_lowercase() - b'a') + 1)
}

/// "i" → 1, "iv" → 4, "xii" → 12, "MCM" → 1900.
fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: u8| {
        Some(match c.to_ascii_lowercase() {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            b'l' => 50,
            b'c' => 100,
            b'd' => 500,
            b'm' => 1000,
            _ => return None,
        })
    };
    let b = s.as_bytes();
    let mut total = 0i64;
    for (k, &c) in b.iter().enumerate() {
        let d = digit(c)?;
        match b.get(k + 1).and_then(|&n| digit(n)) {
            Some(n) if n > d => total -= d,
            _ => total += d,
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(markers: &[&str]) -> Vec<String> {
        let items: Vec<_> = markers.iter().map(|m| Some((0, *m, false))).collect();
        let l = lists(&items);
        (0..markers.len())
            .map(|i| l.marker(i).unwrap_or_else(|| markers[i].to_string()))
            .collect()
    }

    #[test]
    fn a_list_s_style_is_decided_by_the_whole_list() {
        assert_eq!(shown(&["i.", "i."]), ["i.", "ii."]);
        assert_eq!(shown(&["h)", "i)", "i)"]), ["h)", "i)", "j)"]);
        assert_eq!(shown(&["iv.", "v."]), ["iv.", "v."]);
        assert_eq!(shown(&["v.", "v."]), ["v.", "w."]);
        assert_eq!(shown(&["I.", "II.", "II."]), ["I.", "II.", "III."]);
        assert_eq!(shown(&["C)", "D)"]), ["C)", "D)"]);
        assert_eq!(shown(&["3.", "3.", "2.3.", "-"]), ["3.", "4.", "2.3.", "-"]);
        assert_eq!(marker(kind("a)"), 27), None);
        assert_eq!(value("xiv.", style(&["xiv."])), Some(14));
    }

    #[test]
    fn lists_of_two_kinds_are_two_lists() {
        let items = [
            Some((0, "1.", false)),
            Some((1, "c)", false)),
            Some((0, "2.", false)),
            Some((1, "a)", false)),
            Some((0, "-", false)),
            Some((0, "1)", false)),
            None,
            Some((0, "3.", false)),
        ];
        let l = lists(&items);
        let of = [0, 1, 0, 2, 3, 4, 9, 5].map(|l| (l < 9).then_some(l));
        assert_eq!(l.of, of);
        assert_eq!(l.lists[1].start, 3);
        assert_eq!(l.marker(3).as_deref(), Some("a)"));
        assert_eq!(l.marker(7).as_deref(), Some("3."));
    }

    #[test]
    fn an_item_after_deleted_ones_starts_its_own_list() {
        let l = lists(&[
            Some((0, "a)", true)),
            Some((0, "b)", false)),
            Some((0, "c)", true)),
        ]);
        assert_eq!(l.of, [Some(0), Some(1), Some(1)]);
        assert_eq!((l.lists[0].start, l.lists[1].start), (1, 2));
        // the list's first marker again: one list, counting on
        let l = lists(&[
            Some((0, "i.", true)),
            Some((0, "ii.", true)),
            Some((0, "i.", false)),
            Some((0, "ii.", false)),
        ]);
        assert_eq!(l.of, [Some(0); 4]);
        assert_eq!(l.marker(3).as_deref(), Some("iv."));
    }
}
