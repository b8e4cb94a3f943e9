// "Mina ärenden": the cases kept in this browser, last changed first, each
// with its title, when it was last changed, and Öppna / Byt namn / Ta bort
// (after asking). The list follows other tabs' changes while it is open.

import { h } from './dom.js';
import { lang, t } from './i18n.js';
import { modal } from './draft.js';
import * as store from './store.js';
import { commit, state, subscribe } from './state.js';

function when(iso) {
  return new Date(iso).toLocaleString(lang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function size(n) {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;
}

/**
 * Opens the list. `open(id)` opens a kept case; `deletedOpen()` is called
 * after the open case was deleted (something else must be opened).
 */
export function casesDialog({ open, deletedOpen }) {
  let unsubscribe = null;
  const dialog = modal(t('cases.title'), (close) => {
    const body = h('tbody');
    const said = h('p', { class: 'cases-said', role: 'status', 'aria-live': 'polite' });
    const table = h('table', { class: 'cases', 'aria-describedby': 'cases-intro' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('cases.col.title')),
        h('th', { scope: 'col' }, t('cases.col.changed')),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('cases.col.actions'))))),
      body);
    const empty = h('p', { class: 'hint', hidden: true }, t('cases.empty'));
    let renaming = null; // the id being renamed

    const focusRow = (id, which) => {
      const row = body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
      (row?.querySelector(which) ?? body.querySelector('button') ?? dialog.querySelector('.close'))?.focus();
    };

    async function fill(focus = null) {
      let cases;
      try {
        cases = await store.list();
      } catch (e) {
        said.textContent = t('cases.unavailable');
        cases = [];
      }
      empty.hidden = cases.length > 0;
      table.hidden = cases.length === 0;
      body.replaceChildren(...cases.map((c) => row(c)));
      if (focus) focusRow(...focus);
    }

    function row(c) {
      const here = c.id === state.caseId;
      const title = c.title || t('new.untitled');
      let titleCell;
      if (renaming === c.id) {
        const inputId = `rename-${c.id}`;
        const input = h('input', { id: inputId, type: 'text', lang: 'sv', value: title, required: true, 'data-keep': 'no' });
        const cancel = () => { renaming = null; fill([c.id, '[data-act=rename]']); };
        input.addEventListener('keydown', (e) => {
          if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
        });
        titleCell = h('th', { scope: 'row' },
          h('form', {
            class: 'rename',
            on: {
              submit: async (e) => {
                e.preventDefault();
                const name = input.value.trim();
                if (!name) { said.textContent = t('cases.nameMissing'); input.focus(); return; }
                renaming = null;
                await rename(c, name);
                fill([c.id, '[data-act=rename]']);
              },
            },
          },
          h('label', { for: inputId }, t('cases.newName', { title })),
          input,
          h('span', { class: 'buttons' },
            h('button', { type: 'submit', class: 'primary' }, t('cases.renameSave')),
            h('button', { type: 'button', on: { click: cancel } }, t('draft.cancel')))));
        requestAnimationFrame(() => { input.focus(); input.select(); });
      } else {
        titleCell = h('th', { scope: 'row' },
          h('span', { lang: 'sv' }, title),
          here ? h('span', { class: 'here' }, ` (${t('cases.here')})`) : null,
          h('small', { class: 'size' }, ` · ${size(c.size)}`));
      }
      return h('tr', { 'data-id': c.id, class: here ? 'here' : null },
        titleCell,
        h('td', {}, h('time', { datetime: c.changed }, when(c.changed))),
        h('td', { class: 'acts' },
          here ? null : h('button', {
            type: 'button', 'data-act': 'open', 'aria-label': t('cases.openLabel', { title }),
            on: { click: async () => { close(); await open(c.id); } },
          }, t('cases.open')),
          h('button', {
            type: 'button', 'data-act': 'rename', 'aria-label': t('cases.renameLabel', { title }),
            on: { click: () => { renaming = c.id; fill(); } },
          }, t('cases.rename')),
          h('button', {
            type: 'button', 'data-act': 'delete', 'aria-label': t('cases.deleteLabel', { title }),
            on: { click: () => remove(c, title) },
          }, t('cases.delete'))));
    }

    async function rename(c, name) {
      if (c.id === state.caseId) {
        // the open case: an undoable step, saved like any other change
        commit(t('cases.rename'), (d) => { d.title = name; });
      } else {
        await store.rename(c.id, name);
      }
      said.textContent = t('cases.renamed', { title: name });
    }

    async function remove(c, title) {
      if (!window.confirm(t('cases.confirmDelete', { title }))) return;
      const here = c.id === state.caseId;
      await store.remove(c.id);
      said.textContent = t('cases.deleted', { title });
      if (here) await deletedOpen();
      await fill();
      body.querySelector('button')?.focus() ?? dialog.querySelector('.close')?.focus();
    }

    unsubscribe = subscribe((reason) => { if ((reason === 'cases' || reason === 'saved') && renaming === null) fill(); });
    fill();
    return h('div', { class: 'cases-list' },
      h('p', { class: 'hint', id: 'cases-intro' }, t('cases.intro')),
      said,
      table,
      empty,
      h('div', { class: 'buttons' }, h('button', { type: 'button', on: { click: close } }, t('cases.close'))));
  }, { className: 'cases-dialog' });
  dialog.addEventListener('close', () => unsubscribe?.());
  return dialog;
}
