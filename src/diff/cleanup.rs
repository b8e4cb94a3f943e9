//! The semantic clean-up: short equalities between changes folded into them.

use super::{Chunk, Tag};

/// Folds short equalities that stand between changes into the changes and
/// merges neighbouring runs, as diff-match-patch's `diff_cleanupSemantic`
/// does: an equality goes when it is no longer than the largest change on
/// either side of it.
pub fn cleanup_semantic(chunks: &mut Vec<Chunk>) {
    normalize(chunks);
    if chunks.len() < 3 {
        // no equality between two changes
        return;
    }
    // Equalities and groups of changes (a deletion, an insertion or both)
    // now alternate. Folding an equality merges the groups on either side,
    // which only makes the equalities beside them more likely to go, never
    // less: so every order of folding ends at the same text, and one pass
    // from left to right that folds each equality as soon as both its
    // groups are known, and then looks again at the equality before, finds
    // it in linear time.
    #[derive(Clone, Copy)]
    enum Item {
        Equal {
            at: usize,
            chars: usize,
            punct: bool,
        },
        Group {
            del: usize,
            ins: usize,
        },
    }
    let mut fold = vec![false; chunks.len()];
    let mut stack: Vec<Item> = Vec::new();
    let mut k = 0;
    while k < chunks.len() {
        if chunks[k].tag == Tag::Equal {
            let t = &chunks[k].text;
            stack.push(Item::Equal {
                at: k,
                chars: t.chars().count(),
                punct: t.chars().all(|c| !c.is_alphanumeric()),
            });
            k += 1;
            continue;
        }
        let (mut del, mut ins) = (0, 0);
        while k < chunks.len() && chunks[k].tag != Tag::Equal {
            let n = chunks[k].text.chars().count();
            match chunks[k].tag {
                Tag::Insert => ins += n,
                _ => del += n,
            }
            k += 1;
        }
        // an equality goes when it is no longer than the larger side of the
        // change on either side of it, or is one or two spaces or marks
        while let [.., Item::Group { del: d, ins: i }, Item::Equal { at, chars, punct }] = stack[..]
        {
            let (before, after) = (d.max(i), del.max(ins));
            if before > 0 && after > 0 && (chars <= before.min(after) || (punct && chars <= 2)) {
                fold[at] = true;
                stack.truncate(stack.len() - 2);
                del += d + chars;
                ins += i + chars;
            } else {
                break;
            }
        }
        stack.push(Item::Group { del, ins });
    }
    if fold.contains(&true) {
        let old = std::mem::take(chunks);
        for (c, fold) in old.into_iter().zip(fold) {
            if fold {
                chunks.push(Chunk::new(Tag::Delete, c.text.clone()));
                chunks.push(Chunk::new(Tag::Insert, c.text));
            } else {
                chunks.push(c);
            }
        }
        normalize(chunks);
    }
}

/// Merges runs between equalities into one deletion then one insertion, and
/// joins neighbouring equalities; drops empty runs.
pub fn normalize(chunks: &mut Vec<Chunk>) {
    let mut old = std::mem::take(chunks);
    let mut out: Vec<Chunk> = Vec::with_capacity(old.len());
    let mut del = String::new();
    let mut ins = String::new();
    let flush = |out: &mut Vec<Chunk>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Chunk::new(Tag::Delete, std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Chunk::new(Tag::Insert, std::mem::take(ins)));
        }
    };
    for k in 0..old.len() {
        let text = std::mem::take(&mut old[k].text);
        match old[k].tag {
            Tag::Delete => del.push_str(&text),
            Tag::Insert => ins.push_str(&text),
            Tag::Equal => {
                if text.is_empty() {
                    continue;
                }
                flush(&mut out, &mut del, &mut ins);
                match out.last_mut() {
                    Some(last) if last.tag == Tag::Equal => last.text.push_str(&text),
                    _ => {
                        // room for the equalities that follow (a long text is
                        // then copied once, not at each growth)
                        let more = equal_run(&old[k + 1..]);
                        let mut text = text;
                        text.reserve(more);
                        out.push(Chunk::new(Tag::Equal, text));
                    }
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    *chunks = out;
}

/// The length of the equalities at the start of `chunks` (changes that are
/// empty do not end them).
fn equal_run(chunks: &[Chunk]) -> usize {
    chunks
        .iter()
        .take_while(|c| c.tag == Tag::Equal || c.text.is_empty())
        .map(|c| c.text.len())
        .sum()
}
