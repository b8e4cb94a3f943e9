// Rendering the plan's blocks: the original text, tracked changes (the
// engine's overlay) or the clean result. Every change is an <ins> or <del>
// (underlined or struck through, so it reads without colour and in black and
// white print) with the proposer as a visible tag, a title and text for
// screen readers. A party's colour is only a second cue.
//
// Spans of original text carry data-at: their offset (UTF-16) in the plan
// block's text, so that a selection can be mapped back (see selection.js).
// Everything that is not original text is marked data-x.

import { h, sr } from './dom.js';
import { t } from './i18n.js';
import { label } from './state.js';

// Okabe–Ito, distinguishable for most colour vision; darkened for contrast.
const PALETTE = ['#0b6e99', '#b35900', '#1d7a4f', '#a23b72', '#6b5b00', '#4b4fa8', '#8a3324', '#3a6b6b'];

/** A colour for each party, in the order members are listed. */
export function partyColours(members) {
  const map = new Map();
  for (const m of members) {
    if (!map.has(m.party)) map.set(m.party, PALETTE[map.size % PALETTE.length]);
  }
  return map;
}

function colourOf(ctx, ids) {
  const party = ids.length ? label(ids[0]).party : '';
  return ctx.colours.get(party) ?? '#555';
}

function who(ids, long) {
  return ids.map((id) => (long ? label(id).long : label(id).short)).join(long ? '; ' : ', ');
}

/** A small proposer tag ("MP 1"), for the eye only. */
export function tag(ctx, ids, extra = '') {
  return h('span', { class: `tag ${extra}`, 'aria-hidden': 'true', 'data-x': true, title: who(ids, true), style: { '--pc': colourOf(ctx, ids) } }, who(ids, false));
}

/** A chip for the margin or a list: short label, long label as title. */
export function chip(ctx, id, { margin = false } = {}) {
  // in the margin "MP 1" is one word: a number stays with the word before it
  const text = margin ? label(id).short.replace(/ (?=\d)/g, '\u00a0') : label(id).short;
  return h('span', { class: 'chip', title: label(id).long, style: { '--pc': colourOf(ctx, [id]) } }, text);
}

/**
 * A run's text with the plan's emphasis on it (run.em: "b", "i" or "bi"):
 * in <strong> and <em>, which say it in the markup, not by look alone.
 */
function emph(run) {
  let content = run.text;
  if (run.em?.includes('i')) content = h('em', {}, content);
  if (run.em?.includes('b')) content = h('strong', {}, content);
  return content;
}

function change(ctx, el, run, at, tagged) {
  const long = who(run.by, true);
  const word = el === 'ins' ? t('change.inserted') : t('change.deleted');
  return [
    h(el, { 'data-at': at, ...(el === 'ins' ? { 'data-x': true } : {}), 'data-by': run.by.join(' '), title: long, class: 'chg', style: { '--pc': colourOf(ctx, run.by) } },
      h('span', { class: 'sr-only', 'data-x': true }, `[${t('change.by', { word, who: long })}:] `),
      emph(run)),
    tagged ? tag(ctx, run.by) : null,
  ];
}

const sameBy = (a, b) => a && b && a.by.length === b.by.length && a.by.every((x, i) => x === b.by[i]);

/**
 * The inline content of a block: runs of an overlay block. In a block that
 * an amendment deletes whole, the unchanged text is struck through run by
 * run, so that other amendments' changes inside it stay legible.
 */
function runs(ctx, block, removed) {
  const out = [];
  let at = 0;
  const list = block.runs;
  list.forEach((r, i) => {
    if (ctx.mode === 'clean') {
      if (r.tag !== 'delete') out.push(emph(r));
      return;
    }
    if (r.tag === 'equal') {
      out.push(removed ? h('del', { class: 'whole', 'data-at': at }, emph(r)) : h('span', { 'data-at': at }, emph(r)));
      at += r.text.length;
      return;
    }
    // one tag after a stretch of changes by the same proposers
    const next = list[i + 1];
    const tagged = !(next && next.tag !== 'equal' && sameBy(next, r));
    if (r.tag === 'delete') {
      out.push(...change(ctx, 'del', r, at, tagged));
      at += r.text.length;
    } else {
      out.push(...change(ctx, 'ins', r, at, tagged));
    }
  });
  return out;
}

function headingTag(level) {
  // the page's h1 is the case title; the plan's headings sit one level below
  return `h${Math.min(6, Math.max(2, level + 1))}`;
}

/**
 * The margin: who proposes something here, and conflicting proposals the
 * user chose to see together here ("Krockar: MP 1 / V 2"), said in words.
 */
function margin(ctx, ids, clashes = []) {
  if (!ids.length && !clashes.length) return null;
  return h('div', { class: 'marks', 'data-x': true },
    ids.length ? sr(`${t('list.title')}: `) : null,
    ids.map((id) => chip(ctx, id, { margin: true })),
    clashes.map(([a, b]) => {
      // "Krockar:" over "MP 1 / V 2"; a narrow margin breaks after the slash, never inside a label
      const [head, pair] = t('margin.clash', { a: nb(label(a).short), b: nb(label(b).short) }).split(': ');
      return h('span', { class: 'clash', title: t('margin.clashTitle', { a: label(a).long, b: label(b).long }) },
        h('span', {}, h('span', { 'aria-hidden': 'true' }, '⚠ '), `${head}:`), ' ', h('span', {}, pair.replace(' / ', '\u00a0/ ')));
    }));
}

/** A label whose words are not broken apart ("MP 1", not "MP / 1"). */
function nb(text) {
  return text.replace(/ /g, '\u00a0');
}

/** The amendments whose changes stand in an overlay block, for tests and styles ("mp1 v2"). */
function changedBy(b) {
  const ids = new Set([...(b.runs ?? []).filter((r) => r.tag !== 'equal').flatMap((r) => r.by ?? []), ...(b.removed_by ?? [])]);
  return ids.size ? [...ids].join(' ') : null;
}

/**
 * One block. `b` is an overlay block ({index, kind, level, status, runs,
 * removed_by, marks}); in the original mode a plan block turned into one.
 * `ctx`: {mode, colours, interactive, headingMenu(b) → element}.
 */
export function block(ctx, b) {
  const removed = ctx.mode === 'changes' && b.removed_by?.length > 0;
  const kind = b.kind;
  let content = runs(ctx, b, removed);
  if (removed) {
    const long = who(b.removed_by, true);
    content = [h('span', { class: 'sr-only', 'data-x': true }, `[${t('change.by', { word: t('change.deleted'), who: long })}:] `), ...content];
  }
  const textTag = kind === 'heading' ? headingTag(b.level) : kind === 'list_item' ? 'div' : 'p';
  const text = h(textTag, { class: 'txt', lang: 'sv', tabindex: ctx.interactive && b.index !== null ? '-1' : null }, content);
  const wrapper = h(kind === 'list_item' ? 'li' : 'div', {
    class: `blk k-${kind} s-${b.status}${removed ? ' removed' : ''}${b.index === null ? ' added' : ''}`,
    id: b.index !== null && ctx.ids ? `b-${b.index}` : null,
    'data-index': b.index ?? null,
    'data-by': ctx.mode === 'changes' ? changedBy(b) : null,
  }, margin(ctx, ctx.mode === 'clean' ? [] : b.marks ?? [], ctx.mode === 'changes' ? b.clashes ?? [] : []), text);
  if (removed && ctx.firstRemoved?.(b)) {
    text.before(h('p', { class: 'removes-note', 'aria-hidden': 'true', 'data-x': true },
      h('span', { class: 'scissors' }, '✂ '), `${t('change.removedBy')} `, b.removed_by.map((id) => chip(ctx, id))));
  }
  if (ctx.mode === 'changes' && b.clashes?.length) {
    // a phone's margin is too narrow for the mark: there it stands over the text (one of the two is shown)
    text.before(h('p', { class: 'clash-note', 'data-x': true },
      b.clashes.map(([x, y]) => h('span', {}, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('margin.clash', { a: nb(label(x).short), b: nb(label(y).short) }), ' '))));
  }
  if (ctx.interactive && kind === 'heading' && b.index !== null && ctx.headingMenu) {
    wrapper.append(ctx.headingMenu(b));
  }
  return wrapper;
}

/** A plan block as an overlay block without changes. */
export function plainBlock(pb, index, marks = []) {
  const kind = pb.type === 'heading' ? 'heading' : pb.type;
  return { index, kind, level: pb.level ?? 0, page: pb.page, status: 'equal', runs: [{ tag: 'equal', text: pb.text }], marks };
}

/** Page separators, the page a plan block starts on. */
export function pageMarker(page) {
  return h('div', { class: 'page-marker', 'data-x': true }, h('span', {}, t('page.marker', { page })));
}

/**
 * The element of `key`: the one in `cache` (elements rendered before, by
 * what they show), or `make()`'s; recorded in `next`, the cache of the
 * next render.
 */
export function reuse(cache, next, key, make) {
  const el = cache?.get(key) ?? make();
  next?.set(key, el);
  return el;
}

/**
 * Blocks as DOM units: consecutive list items go into one <ul>. `items` are
 * {key, block} or {key, pageBreak}; elements come from `cache` when their
 * key is there, and every element used is recorded in `next`. Returns the
 * units' elements in order; `starts`, if given, gets each unit's plan
 * index when it is a block (not a list or a page marker), else null.
 */
export function units(ctx, items, cache, next, starts = null) {
  const out = [];
  let list = null;
  const take = (key, make) => reuse(cache, next, key, make);
  const flush = () => {
    if (!list) return;
    const key = `ul:${list.keys.join('\u0001')}`;
    const els = list.els;
    const ul = take(key, () => h('ul', { class: 'items', role: 'list' }));
    if (ul.childElementCount !== els.length || els.some((el, i) => ul.children[i] !== el)) ul.replaceChildren(...els);
    out.push(ul);
    starts?.push(null);
    list = null;
  };
  for (const it of items) {
    if (it.pageBreak) {
      flush();
      out.push(take(it.key, () => pageMarker(it.pageBreak)));
      starts?.push(null);
      continue;
    }
    const el = take(it.key, () => block(ctx, it.block));
    if (it.block.kind === 'list_item') {
      list ??= { keys: [], els: [] };
      list.keys.push(it.key);
      list.els.push(el);
    } else {
      flush();
      out.push(el);
      starts?.push(it.block.index ?? null);
    }
  }
  flush();
  return out;
}

/** Plan blocks a chunk of the text holds, about. */
const CHUNK = 16;

/**
 * The units of a long text in chunks (`<div class="chunk">`), the DOM the
 * plan view shows: a chunk out of view is neither styled nor laid out
 * (content-visibility), so that what touches the whole page (a modal
 * dialog making it inert and then not, a new mode's blocks) restyles about
 * a sixteenth of the elements it would otherwise. A chunk starts at a
 * block (never at a list or a page marker, whose margins would no longer
 * meet their neighbours') of the plan's index 16·k or the first after it,
 * so that an amendment adding or removing a block changes only its own
 * chunk. `starts` are the units' plan indices (see units). Chunks come from
 * `cache` by their first block and are recorded in `next` like the units.
 */
export function chunks(els, starts, cache, next) {
  const groups = [];
  let bucket = -1;
  els.forEach((el, i) => {
    const index = starts[i];
    const b = index === null ? -1 : Math.floor(index / CHUNK);
    if (!groups.length || b > bucket) {
      groups.push({ key: `chunk:${groups.length ? index : 'first'}`, els: [] });
      bucket = Math.max(b, bucket);
    }
    groups[groups.length - 1].els.push(el);
  });
  return groups.map((g) => {
    const chunk = reuse(cache, next, g.key, () => h('div', { class: 'chunk' }));
    const had = chunkUnits.get(chunk);
    // a unit leaves a chunk only for another whose units changed too
    if (!had || had.length !== g.els.length || had.some((el, i) => el !== g.els[i])) {
      // the estimate of its height while it has not been laid out: 6rem a unit
      chunk.style.setProperty('--units', String(g.els.length));
      patch(chunk, g.els);
      chunkUnits.set(chunk, g.els);
    }
    return chunk;
  });
}

/** The units each chunk was last given. */
const chunkUnits = new WeakMap();

/**
 * The first block of `root` (the plan's text) whose bottom is below `y`
 * (in the viewport), or null: found by the chunks' positions and then the
 * blocks' of one chunk, so that blocks out of view are not laid out to be
 * measured.
 */
export function firstBlockBelow(root, y) {
  const below = (el) => el.getBoundingClientRect().bottom > y;
  const first = (els) => {
    // positions grow in document order: a binary search
    let lo = 0;
    let hi = els.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (below(els[mid])) hi = mid;
      else lo = mid + 1;
    }
    return els[lo] ?? null;
  };
  const list = [...root.querySelectorAll(':scope > .chunk')];
  if (!list.length) return first([...root.querySelectorAll('.blk[data-index]')]);
  // the chunk at `y`, or the next one with a block of the plan below `y`
  for (let chunk = first(list); chunk; chunk = chunk.nextElementSibling) {
    const blk = first([...chunk.querySelectorAll('.blk[data-index]')]);
    if (blk) return blk;
  }
  return null;
}

/** Puts `els` into `parent` in order, keeping nodes that are already there. */
export function patch(parent, els) {
  const keep = new Set(els);
  // nothing kept (another mode): all at once
  let kept = false;
  for (let n = parent.firstChild; n && !kept; n = n.nextSibling) kept = keep.has(n);
  if (!kept) {
    parent.replaceChildren(...els);
    return;
  }
  let node = parent.firstChild;
  for (const el of els) {
    while (node && !keep.has(node)) {
      const next = node.nextSibling;
      node.remove();
      node = next;
    }
    if (node === el) {
      node = node.nextSibling;
      continue;
    }
    parent.insertBefore(el, node);
  }
  while (node) {
    const next = node.nextSibling;
    node.remove();
    node = next;
  }
}
