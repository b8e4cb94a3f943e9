// The cases kept in this browser: IndexedDB database "amend", one record per
// case in two stores — "cases" ({id, title, rev, changed, created, size}, for
// the list) and "files" (the case file's JSON text, which can be several MB
// with a .docx package in it). Every save carries a revision number: a save
// names the revision it was made from and is refused, in the same
// transaction that would write it, when the stored one is another (another
// tab saved in between). Other tabs hear of every save and every change of
// the list through a BroadcastChannel, and through a localStorage key's
// storage event where there is none.

const DB = 'amend';
const VERSION = 1;
const SIGNAL_KEY = 'amend.signal';

/** This tab, so that it can tell its own messages from other tabs'. */
export const TAB = Math.random().toString(36).slice(2, 10);

let db = null;

function request(r) {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

/** Opens the database; throws when the browser refuses it. */
export async function openStore() {
  if (db) return db;
  const idb = window.indexedDB;
  if (!idb) throw new DOMException('IndexedDB is not available', 'SecurityError');
  const r = idb.open(DB, VERSION);
  r.onupgradeneeded = () => {
    const d = r.result;
    if (!d.objectStoreNames.contains('cases')) d.createObjectStore('cases', { keyPath: 'id' });
    if (!d.objectStoreNames.contains('files')) d.createObjectStore('files');
  };
  db = await request(r);
  // another tab upgrading the database: this one lets go
  db.onversionchange = () => { db.close(); db = null; };
  return db;
}

/**
 * Runs `fn(stores, out, step)` in one transaction and resolves with
 * `out.value` once it commits. Request callbacks go through `step`, so that
 * what they throw (a full disk) aborts the transaction and is what it fails
 * with.
 */
function transact(mode, fn) {
  return new Promise((ok, fail) => {
    let tx;
    try {
      tx = db.transaction(['cases', 'files'], mode);
    } catch (e) {
      fail(e);
      return;
    }
    const out = { value: undefined, error: null };
    const step = (cb) => (e) => {
      try {
        cb(e.target.result);
      } catch (x) {
        out.error = x;
        try { tx.abort(); } catch { /* already finished */ }
      }
    };
    tx.oncomplete = () => ok(out.value);
    tx.onabort = () => fail(out.error ?? tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
    try {
      fn({ cases: tx.objectStore('cases'), files: tx.objectStore('files') }, out, step);
    } catch (e) {
      out.error = e;
      try { tx.abort(); } catch { fail(e); }
    }
  });
}

function newId() {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The kept cases, last changed first: [{id, title, rev, changed, created, size}]. */
export async function list() {
  await openStore();
  const all = await transact('readonly', ({ cases }, out, step) => {
    cases.getAll().onsuccess = step((r) => { out.value = r; });
  });
  return all.sort((a, b) => b.changed.localeCompare(a.changed));
}

/** One case: {meta, json}, or null. */
export async function get(id) {
  await openStore();
  return transact('readonly', ({ cases, files }, out, step) => {
    cases.get(id).onsuccess = step((meta) => {
      if (!meta) return;
      files.get(id).onsuccess = step((json) => { out.value = { meta, json }; });
    });
  });
}

/** Keeps a new case; resolves with its record (revision 1). */
export async function create(title, json) {
  await openStore();
  const now = new Date().toISOString();
  const meta = { id: newId(), title, rev: 1, changed: now, created: now, size: json.length };
  await transact('readwrite', ({ cases, files }) => {
    cases.add(meta);
    files.put(json, meta.id);
  });
  announce({ type: 'list' });
  announce({ type: 'saved', id: meta.id, rev: meta.rev });
  return meta;
}

/**
 * Saves a case made from revision `base`: {saved: meta} with the new
 * revision; {conflict: meta} (nothing written) when the stored revision is
 * not `base`; a case no longer kept (deleted in another tab) is kept again,
 * {saved: meta, recreated: true}.
 */
export async function save(id, title, json, base) {
  await openStore();
  const result = await transact('readwrite', ({ cases, files }, out, step) => {
    cases.get(id).onsuccess = step((was) => {
      if (was && was.rev !== base) {
        out.value = { conflict: was };
        return;
      }
      const now = new Date().toISOString();
      const meta = { id, title, rev: (was?.rev ?? base) + 1, changed: now, created: was?.created ?? now, size: json.length };
      cases.put(meta);
      files.put(json, id);
      out.value = { saved: meta, recreated: !was, retitled: was?.title !== title };
    });
  });
  if (result.saved) {
    announce({ type: 'saved', id, rev: result.saved.rev });
    if (result.retitled) announce({ type: 'list' });
  }
  return result;
}

/** Gives a kept case another title (in its case file too); the revision goes up. */
export async function rename(id, title) {
  await openStore();
  const meta = await transact('readwrite', ({ cases, files }, out, step) => {
    cases.get(id).onsuccess = step((was) => {
      if (!was) return;
      files.get(id).onsuccess = step((text) => {
        const c = JSON.parse(text);
        c.title = title;
        const json = `${JSON.stringify(c, null, 2)}\n`;
        const next = { ...was, title, rev: was.rev + 1, changed: new Date().toISOString(), size: json.length };
        cases.put(next);
        files.put(json, id);
        out.value = next;
      });
    });
  });
  if (meta) {
    announce({ type: 'saved', id, rev: meta.rev });
    announce({ type: 'list' });
  }
  return meta;
}

/** Deletes a kept case. */
export async function remove(id) {
  await openStore();
  await transact('readwrite', ({ cases, files }) => {
    cases.delete(id);
    files.delete(id);
  });
  announce({ type: 'deleted', id });
  announce({ type: 'list' });
}

// ---- other tabs ----

let channel = null;
const listeners = new Set();

function deliver(msg) {
  if (!msg || msg.tab === TAB) return;
  for (const fn of listeners) fn(msg);
}

/** Tells other tabs: {type: 'saved', id, rev} | {type: 'deleted', id} | {type: 'list'}. */
function announce(msg) {
  const m = { ...msg, tab: TAB, at: Date.now() };
  try {
    channel?.postMessage(m);
  } catch { /* the storage event below still tells */ }
  try {
    // a new value every time, so that the storage event fires
    window.localStorage.setItem(SIGNAL_KEY, JSON.stringify({ ...m, n: Math.random() }));
  } catch { /* no localStorage: the channel alone */ }
}

/** Calls `fn(msg)` for every other tab's message (both ways may bring the same one). */
export function listen(fn) {
  listeners.add(fn);
  if (!channel && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel('amend');
    channel.onmessage = (e) => deliver(e.data);
  }
  if (listeners.size === 1) {
    window.addEventListener('storage', (e) => {
      if (e.key !== SIGNAL_KEY || !e.newValue) return;
      try {
        deliver(JSON.parse(e.newValue));
      } catch { /* not ours */ }
    });
  }
  return () => listeners.delete(fn);
}
