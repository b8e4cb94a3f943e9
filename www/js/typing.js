// Half-typed work that is not yet part of the case: an open draft dialog's
// fields, the "Nytt ärende" dialog's, and a field of a view typed into but
// not yet left (the views take a field's value when it is left). Each is
// kept in this tab's session storage on every keystroke, so that a reload
// brings it back, and dropped once it is saved, cancelled or left.

const KEY = 'amend.typing';

function read() {
  try {
    return JSON.parse(window.sessionStorage.getItem(KEY) || '{}') ?? {};
  } catch {
    return {};
  }
}

function write(mutate) {
  try {
    const v = read();
    mutate(v);
    window.sessionStorage.setItem(KEY, JSON.stringify(v));
  } catch { /* a convenience: the work itself is still on screen */ }
}

/** Keeps `what` ('draft' | 'newCase' | 'field') of case `caseId`; null drops it. */
export function keep(what, caseId, value) {
  write((v) => {
    if (value === null) delete v[what];
    else v[what] = { caseId, value };
  });
}

/** What was kept of `what` for case `caseId`, or null (and it is dropped). */
export function take(what, caseId) {
  const v = read()[what];
  if (!v) return null;
  keep(what, null, null);
  return v.caseId === caseId || what === 'newCase' ? v.value : null;
}

/** The element's label text, for saying which field was brought back. */
function labelOf(el) {
  const byFor = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  return (byFor?.textContent ?? el.getAttribute('aria-label') ?? el.id).trim();
}

function keepsText(el) {
  return (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && /^(text|search|number|date|email|url|tel|)$/.test(el.type)))
    && el.id && !el.closest('dialog') && el.dataset.keep !== 'no';
}

/**
 * Follows typing in `root` (the views): the field typed into is kept until
 * it is left. `caseId()` names the open case.
 */
export function followFields(root, caseId) {
  root.addEventListener('input', (e) => {
    const el = e.target;
    if (!keepsText(el)) return;
    keep('field', caseId(), { id: el.id, value: el.value, hash: location.hash });
  });
  const drop = (e) => {
    if (keepsText(e.target) && read().field?.value?.id === e.target.id) keep('field', null, null);
  };
  root.addEventListener('change', drop);
}

/**
 * Puts a kept field's text back after a reload (the view `hash` showing);
 * resolves the field's label, or null. Leaving the field saves it as
 * typing it would have.
 */
export function restoreField(root, caseId) {
  const f = take('field', caseId);
  if (!f) return null;
  const el = root.querySelector(`#${CSS.escape(f.id)}`);
  if (!el || el.value === f.value) return null;
  el.focus();
  el.value = f.value;
  let changed = false;
  el.addEventListener('change', () => { changed = true; }, { once: true });
  el.addEventListener('blur', () => {
    if (!changed) el.dispatchEvent(new Event('change', { bubbles: true }));
  }, { once: true });
  keep('field', caseId, f);
  return labelOf(el);
}

/** The kept field's view (its hash), to show it before restoring. */
export function fieldHash(caseId) {
  const v = read().field;
  return v && v.caseId === caseId ? v.value.hash : null;
}
