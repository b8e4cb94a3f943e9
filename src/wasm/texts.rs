//! `compareTexts`: two plain texts compared in the browser or in Node (the
//! benchmark against diff-match-patch), built with feature `compare-texts`.

use crate::diff::Tag;
use js_sys::JsString;
use wasm_bindgen::prelude::*;

/// Compares two plain texts, paragraph by paragraph and then word by word
/// (see [`crate::diff::compare`]): `[{tag: "equal" | "insert" | "delete",
/// text}]`, the equal and deleted texts in order the old text, the equal and
/// inserted the new.
///
/// Copying text into and out of the module costs more than comparing it, so
/// copies are kept to what the comparison needs: two texts that are one
/// string are not copied at all, the whole paragraphs they start and end
/// with in common are found by the engine and left out, and each text given
/// back is a slice of the string it comes from.
#[wasm_bindgen(js_name = compareTexts)]
pub fn compare_texts(old: &JsString, new: &JsString) -> js_sys::Array {
    let out = js_sys::Array::new();
    let (tag, text) = (JsValue::from_str("tag"), JsValue::from_str("text"));
    let [equal, insert, delete] = ["equal", "insert", "delete"].map(JsValue::from_str);
    let push = |t: Tag, s: JsString| {
        let chunk = js_sys::Object::new();
        let t = match t {
            Tag::Equal => &equal,
            Tag::Insert => &insert,
            Tag::Delete => &delete,
        };
        let _ = js_sys::Reflect::set(&chunk, &tag, t);
        let _ = js_sys::Reflect::set(&chunk, &text, &s);
        out.push(&chunk);
    };
    if old == new {
        if old.length() > 0 {
            push(Tag::Equal, old.clone());
        }
        return out;
    }
    let (head, tail) = common_paragraphs(old, new);
    let (old_end, new_end) = (old.length() - tail, new.length() - tail);
    let chunks = crate::diff::compare(
        &String::from(old.slice(head, old_end)),
        &String::from(new.slice(head, new_end)),
    );
    for (t, start, end) in spans(&chunks, head, tail) {
        let from = if t == Tag::Insert { new } else { old };
        push(t, from.slice(start, end));
    }
    out
}

/// Where the chunks of the comparison of two texts with `head` code units
/// cut from their start and `tail` from their end stand in the whole
/// texts: `(tag, start, end)` in UTF-16 code units of the text each comes
/// from, with the cut ends as equalities and neighbouring equalities joined.
fn spans(chunks: &[crate::diff::Chunk], head: u32, tail: u32) -> Vec<(Tag, u32, u32)> {
    let mut spans: Vec<(Tag, u32, u32)> = Vec::with_capacity(chunks.len() + 2);
    let mut add = |span: (Tag, u32, u32)| match spans.last_mut() {
        _ if span.1 == span.2 => {}
        Some(last) if last.0 == Tag::Equal && span.0 == Tag::Equal => last.2 = span.2,
        _ => spans.push(span),
    };
    add((Tag::Equal, 0, head));
    let (mut at_old, mut at_new) = (head, head);
    for c in chunks {
        let len = utf16_len(&c.text);
        let at = if c.tag == Tag::Insert {
            &mut at_new
        } else {
            &mut at_old
        };
        add((c.tag, *at, *at + len));
        *at += len;
        if c.tag == Tag::Equal {
            at_new += len;
        }
    }
    add((Tag::Equal, at_old, at_old + tail));
    spans
}

/// How long, in UTF-16 code units, the whole paragraphs are that `a` and
/// `b` start with in common and end with in common (as
/// [`crate::diff::compare`] splits paragraphs: after a line break and a
/// run of line breaks and carriage returns).
fn common_paragraphs(a: &JsString, b: &JsString) -> (u32, u32) {
    let (la, lb) = (a.length(), b.length());
    let prefix = common_units(|lo, hi| a.slice(lo, hi) == b.slice(lo, hi), la.min(lb));
    let head = paragraph_start_before(a, prefix);
    let suffix = common_units(
        |lo, hi| a.slice(la - hi, la - lo) == b.slice(lb - hi, lb - lo),
        la.min(lb) - head,
    );
    // the first paragraph break wholly inside the common end
    let tail_start = match a.index_of("\n\n", (la - suffix) as i32) {
        k if k < 0 => la,
        k => break_end(a, k as u32),
    };
    (head, la - tail_start)
}

/// The length of the longest common start of two sequences, at most `max`,
/// given a comparison of their units `lo..hi`: a binary search in which the
/// engine compares each unit about twice (as diff-match-patch does).
fn common_units(same: impl Fn(u32, u32) -> bool, max: u32) -> u32 {
    let (mut lo, mut hi) = (0, max);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if same(lo, mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Where the last paragraph of `s` that starts before `limit` starts (0 if
/// none does): the end of a paragraph break that ends before `limit`.
fn paragraph_start_before(s: &JsString, limit: u32) -> u32 {
    let mut from = limit as i32 - 2;
    while from >= 0 {
        let k = s.last_index_of("\n\n", from);
        if k < 0 {
            break;
        }
        let end = break_end(s, k as u32);
        if end < limit {
            return end;
        }
        from = k - 1;
    }
    0
}

/// The end of the run of line breaks and carriage returns at `k`.
fn break_end(s: &JsString, mut k: u32) -> u32 {
    while k < s.length() && matches!(s.char_code_at(k) as u32, 10 | 13) {
        k += 1;
    }
    k
}

/// The length of a text in UTF-16 code units: one for each character, two
/// for one of four bytes in UTF-8; that is one for each byte but the
/// continuation bytes (`10xxxxxx`), and one more for each first byte of four
/// (`11110xxx`). Eight bytes at a time: bit 7 of each byte of `x & !(x << 1)`
/// is set where the byte's bits 7 and 6 are 1 and 0.
fn utf16_len(s: &str) -> u32 {
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let (mut continuation, mut four) = (0, 0);
    for c in chunks.by_ref() {
        let x = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        if x & HIGHS != 0 {
            continuation += (x & !(x << 1) & HIGHS).count_ones() as usize;
            four += (x & (x << 1) & (x << 2) & (x << 3) & !(x << 4) & HIGHS).count_ones() as usize;
        }
    }
    for &b in chunks.remainder() {
        continuation += usize::from(b & 0xC0 == 0x80);
        four += usize::from(b >= 0xF0);
    }
    (bytes.len() - continuation + four) as u32
}
