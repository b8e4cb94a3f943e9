// Mapping a selection in the rendered plan back to the plan's text: block
// indices and UTF-16 offsets in the blocks' original text (what the engine's
// quoteAt takes). Only original text counts: inserted text, tags and
// screen-reader labels (data-x) are left out.

/** The offset in block `blk`'s original text of DOM point (node, offset). */
function offsetIn(txt, node, offset) {
  const range = document.createRange();
  range.setStart(txt, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return 0;
  }
  const frag = range.cloneContents();
  for (const x of frag.querySelectorAll('[data-x]')) x.remove();
  return frag.textContent.length;
}

function pointOf(root, node, offset) {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const blk = el?.closest('.blk[data-index]');
  if (!blk || !root.contains(blk)) return null;
  const txt = blk.querySelector('.txt');
  if (!txt) return null;
  let at;
  if (txt.contains(node)) at = offsetIn(txt, node, offset);
  else if (blk.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) at = txt.textContent.length;
  else at = 0;
  return { index: Number(blk.dataset.index), at };
}

/** The current selection inside `root`, as {first, start, last, end}, or null. */
export function selectionIn(root) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!root.contains(r.commonAncestorContainer)) return null;
  let a = pointOf(root, r.startContainer, r.startOffset);
  let b = pointOf(root, r.endContainer, r.endOffset);
  if (!a || !b) {
    // a selection starting or ending between blocks: snap to the blocks inside
    const blocks = [...root.querySelectorAll('.blk[data-index]')].filter((x) => r.intersectsNode(x));
    if (!blocks.length) return null;
    a ??= { index: Number(blocks[0].dataset.index), at: 0 };
    b ??= { index: Number(blocks[blocks.length - 1].dataset.index), at: 1e9 };
  }
  if (a.index > b.index || (a.index === b.index && a.at > b.at)) [a, b] = [b, a];
  if (a.index === b.index && a.at === b.at) return null;
  return { first: a.index, start: a.at, last: b.index, end: b.at };
}

/** Where the selection starts (a caret, or the start of a selection) inside `root`, as {index, at}, or null. */
export function caretIn(root) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const r = sel.getRangeAt(0);
  if (!root.contains(r.startContainer)) return null;
  return pointOf(root, r.startContainer, r.startOffset);
}
