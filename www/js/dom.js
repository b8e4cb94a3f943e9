// Building DOM nodes. Text is always set as text (text nodes, textContent,
// attribute values): nothing here parses HTML, so user text can never become
// markup.

/**
 * h('p', { class: 'x', title: 'y', on: { click } }, 'text', child, …)
 * Attributes with value false, null or undefined are left out; true sets an
 * empty attribute. `dataset`, `style` (an object of custom properties) and
 * `on` (event listeners) are handled specially.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'style') {
      for (const [p, val] of Object.entries(v)) el.style.setProperty(p, val);
    } else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'selected') {
      el[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.append(c);
    else el.append(document.createTextNode(String(c)));
  }
}

/** Screen-reader-only text. */
export function sr(text) {
  return h('span', { class: 'sr-only' }, text);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Offers `content` (text, or bytes) as a file download. */
export function download(name, content, type) {
  const blob = new Blob([content], { type: typeof content === 'string' ? `${type};charset=utf-8` : type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The start of `text`, at most `n` characters, cut between words ("… "). */
export function excerpt(text, n = 70) {
  return text.length > n ? `${text.slice(0, n).replace(/\s+\S*$/, '')} …` : text;
}

/** An ASCII file name from a title: "Nämndbuffertar mot …" → "namndbuffertar-mot". */
export function slug(text) {
  const s = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'arende';
}
