// The steps of drafting a change as a member does, for the benchmarks that
// time what follows them: the passage scrolled to and selected, "Ändra",
// the new wording and the proposer typed in; the dialog is left open.
import { selectText } from '../tests/e2e/harness.mjs';

/** Drafts a change of the generated plan's `punktN` passage; returns the open dialog. */
export async function draftChange(page, passage) {
  await page.evaluate((p) => {
    const el = [...document.querySelectorAll('#doc .blk')].find((b) => b.textContent.includes(p));
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
  }, passage);
  await selectText(page, '#doc', passage);
  await page.getByRole('toolbar', { name: 'Markerad text' }).getByRole('button', { name: 'Ändra' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ny lydelse').fill(`${passage} med ny lydelse`);
  await dialog.getByLabel('Namn').fill('Bo Berg');
  await dialog.getByLabel('Parti').fill('M');
  return dialog;
}
