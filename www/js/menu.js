// A menu button's popup menu (WAI-ARIA menu button pattern): Enter, Space or
// ArrowDown opens it on the first item, arrows move, Escape and Tab close
// it, and focus returns to the button.

import { h } from './dom.js';

let open = null;

function close(returnFocus = true) {
  if (!open) return;
  const { menu, button } = open;
  open = null;
  menu.remove();
  button.setAttribute('aria-expanded', 'false');
  if (returnFocus) button.focus();
}

document.addEventListener('pointerdown', (e) => {
  if (open && !open.menu.contains(e.target) && !open.button.contains(e.target)) close(false);
});
window.addEventListener('resize', () => close(false));
document.addEventListener('scroll', () => { if (open) place(open.menu, open.button); }, true);

/** Puts the menu under its button, inside the window. */
function place(menu, button) {
  const r = button.getBoundingClientRect();
  const w = menu.offsetWidth;
  const hgt = menu.offsetHeight;
  const left = Math.max(8, Math.min(r.right - w, window.innerWidth - w - 8));
  const below = r.bottom + 4 + hgt <= window.innerHeight;
  menu.style.left = `${left}px`;
  menu.style.top = `${below ? r.bottom + 4 : Math.max(8, r.top - hgt - 4)}px`;
}

/**
 * A button that opens a menu of `items()` → [{label, run}]. `label` is the
 * button's accessible name; `text` what it shows.
 */
export function menuButton({ text, label, items, className = '' }) {
  const button = h('button', {
    type: 'button',
    class: `menu-button ${className}`,
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-label': label,
    title: label,
  }, text);
  const show = (focusLast = false) => {
    close(false);
    const list = items();
    const buttons = list.map((it) => h('button', {
      type: 'button',
      role: 'menuitem',
      tabindex: '-1',
      on: { click: () => { close(); it.run(); } },
    }, it.label));
    const menu = h('div', { role: 'menu', class: 'menu', 'aria-label': label }, buttons);
    menu.addEventListener('keydown', (e) => {
      const i = buttons.indexOf(document.activeElement);
      const go = (j) => { e.preventDefault(); buttons[(j + buttons.length) % buttons.length].focus(); };
      if (e.key === 'ArrowDown') go(i + 1);
      else if (e.key === 'ArrowUp') go(i - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(buttons.length - 1);
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
      else if (e.key === 'Tab') { e.preventDefault(); close(); }
    });
    // in the page's top layer of stacking, so no container clips it
    document.body.append(menu);
    place(menu, button);
    button.setAttribute('aria-expanded', 'true');
    open = { menu, button };
    (focusLast ? buttons[buttons.length - 1] : buttons[0])?.focus();
  };
  button.addEventListener('click', () => (open?.button === button ? close() : show()));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); show(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); show(true); }
  });
  return button;
}
