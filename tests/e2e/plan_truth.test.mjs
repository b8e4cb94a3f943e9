// End-to-end tests: the plan view tells the truth at a glance (issue 11) —
// what the text shows and what it does not, and why; a default view that a
// vote could produce; disabled controls that say why; a phone's first screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, dblclickWord, screenshot, setup } from './harness.mjs';

/** The conflicting pairs of the open case (identical proposals are not a conflict), from the app's own check. */
async function conflictPairs(page) {
  return page.evaluate(async () => {
    const s = await import('/js/state.js');
    return s.state.check.conflicts
      .filter((c) => c.kind !== 'identical' && c.a.amendment !== c.b.amendment)
      .map((c) => [c.a.amendment, c.b.amendment].sort());
  });
}

/** The amendments whose changes stand in each block of the text. */
async function changesByBlock(page) {
  return page.evaluate(() => [...document.querySelectorAll('#doc .blk')].map((b) => ({
    by: (b.dataset.by ?? '').split(' ').filter(Boolean),
    // every change in the block names its proposers too
    runs: [...b.querySelectorAll('ins.chg, del.chg')].flatMap((x) => x.dataset.by.split(' ')),
    text: b.querySelector('.txt')?.textContent.slice(0, 60),
  })));
}

/** Blocks that show changes of two conflicting proposals. */
async function clashing(page) {
  const pairs = await conflictPairs(page);
  const out = [];
  for (const b of await changesByBlock(page)) {
    const ids = new Set([...b.by, ...b.runs]);
    for (const [x, y] of pairs) if (ids.has(x) && ids.has(y)) out.push(`${x}/${y} in “${b.text}”`);
  }
  return out;
}

/** The summary's parts: {part: text}. */
async function summary(page) {
  return page.locator('#list-count').evaluate((el) => ({
    head: el.querySelector('p').textContent,
    ...Object.fromEntries([...el.querySelectorAll('li[data-part]')].map((li) => [li.dataset.part, li.textContent.replace(/\u00a0/g, ' ')])),
  }));
}

/** The numbers in the summary add up to the proposals listed. */
async function addsUp(page) {
  const s = await summary(page);
  const [, shown, n] = s.head.match(/(\d+) (?:av|of) (\d+)/);
  let rest = 0;
  for (const [k, v] of Object.entries(s)) if (k !== 'head' && k !== 'together') rest += Number(v.match(/\((\d+)\)/)[1]);
  assert.equal(Number(shown) + rest, Number(n), JSON.stringify(s));
  assert.equal(Number(n), await page.locator('.am').count());
  return s;
}

test('the default view is one a vote could produce: of conflicting proposals the first is shown, the others say why', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', { width: 1440, height: 900 });
  // the example's conflicts: MP 1 deletes the section V 2 rewords
  assert.deepEqual(await conflictPairs(page), [['mp1', 'v2']]);
  // no passage shows two conflicting proposals' changes
  assert.deepEqual(await clashing(page), []);
  const blocks = await changesByBlock(page);
  assert.ok(blocks.some((b) => b.by.includes('mp1')), 'MP 1 deletes its section');
  assert.ok(!blocks.some((b) => b.by.includes('v2') || b.runs.includes('v2')), 'V 2 is not in the text');
  // identical proposals are not a conflict: MP 2 and V 1 delete the same section together
  assert.ok(blocks.some((b) => b.by.includes('mp2') && b.by.includes('v1')));
  assert.equal(await page.locator('#doc ins', { hasText: 'använder våra ekonomiska resurser' }).count(), 0);
  assert.equal(await page.locator('#doc .clash').count(), 0);
  // the list counts what is shown, and names what is not and why
  const s = await addsUp(page);
  assert.equal(s.head, '5 av 6 visas i texten');
  assert.equal(s.conflict, 'Visas inte, krockar med ett förslag som visas (1): V 2 (krockar med MP 1)');
  // V 2's card says why and how to show it
  const v2 = page.locator('.am[data-id=v2]');
  assert.match(await v2.locator('.flags').textContent(), /Visas inte i texten: krockar med MP 1, som visas/);
  assert.equal(await v2.getByRole('button', { name: 'Visa V 2 i stället för MP 1' }).count(), 1);
  assert.equal(await v2.getByRole('button', { name: 'Visa båda' }).count(), 1);
  // … and so does the note over the text
  assert.match(await page.locator('.notes').textContent(), /V 2: Visas inte i texten: krockar med MP 1, som visas/);
  await screenshot(page, 'truth-default-1440');

  // V 2 instead of MP 1: still one consistent text, MP 1's card says why
  await v2.getByRole('button', { name: 'Visa V 2 i stället för MP 1' }).click();
  await page.locator('#doc ins', { hasText: 'använder våra ekonomiska resurser' }).waitFor();
  assert.deepEqual(await clashing(page), []);
  assert.match(await page.locator('.am[data-id=mp1] .flags').textContent(), /Visas inte i texten: krockar med V 2, som visas/);
  assert.equal((await addsUp(page)).conflict, 'Visas inte, krockar med ett förslag som visas (1): MP 1 (krockar med V 2)');

  // both at once is a choice, marked in the margin and on the cards
  await page.locator('.am[data-id=mp1]').getByRole('button', { name: 'Visa båda' }).click();
  const clash = page.locator('#doc .clash');
  await clash.waitFor({ state: 'attached' });
  assert.equal(await clash.count(), 1);
  assert.equal(await page.locator('#doc .clash-note').isVisible(), false); // over the text only on a phone
  assert.equal((await clash.textContent()).replace(/\u00a0/g, ' '), '⚠ Krockar: MP 1 / V 2');
  assert.match(await clash.getAttribute('title'), /Amanda Andersson \(MP\), ändringsförslag 1 och Emily Munter \(V\), ändringsförslag 2 krockar/);
  assert.deepEqual((await clashing(page)).length, 1);
  const together = await addsUp(page);
  assert.equal(together.head, '6 av 6 visas i texten');
  assert.equal(together.together, '⚠ Krockande förslag visas samtidigt, ditt val: MP 1 / V 2');
  assert.match(await page.locator('.am[data-id=v2] .flags').textContent(), /Visas samtidigt som MP 1, som det krockar med – ditt val/);
  assert.match(await page.locator('.notes').textContent(), /MP 1 och V 2 krockar men visas samtidigt/);
  await page.locator('.am[data-id=v2]').getByRole('button', { name: /Gå till/ }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'truth-together-1440');
  // … and undone
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Visa inte samtidigt' }).click();
  await page.locator('#doc .clash').waitFor({ state: 'detached' });
  assert.deepEqual(await clashing(page), []);

  // "Visa även krockande" is a pressed toggle; "Visa alla" gives the consistent set back
  const alsoConflicting = page.getByRole('button', { name: 'Visa även krockande' });
  assert.equal(await alsoConflicting.getAttribute('aria-pressed'), 'false');
  await alsoConflicting.click();
  assert.equal(await page.getByRole('button', { name: 'Visa även krockande' }).getAttribute('aria-pressed'), 'true');
  assert.equal((await clashing(page)).length, 1);
  await page.getByRole('button', { name: 'Visa alla' }).click();
  assert.deepEqual(await clashing(page), []);

  // the choice survives a reload; a fresh default does not come back over it
  await page.getByRole('button', { name: 'Visa båda' }).click();
  await page.waitForTimeout(400);
  await page.reload();
  await page.locator('body.ready').waitFor();
  assert.equal(await page.locator('#doc .clash').count(), 1);
  assert.deepEqual(errors, []);
});

test('the counts add up: shown, hidden by a conflict, withdrawn, fallen, not chosen', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  // C tillägg is not chosen
  await page.getByRole('checkbox', { name: /C tillägg/ }).uncheck();
  let s = await addsUp(page);
  assert.equal(s.head, '4 av 6 visas i texten');
  assert.equal(s.off, 'Inte valda att visas (1): C tillägg');
  // MP tillägg withdrawn at the meeting
  await page.getByRole('link', { name: 'Sammanträde', exact: true }).click();
  await page.locator('#am-mp-tillagg-withdrawn').check();
  await page.getByRole('link', { name: 'Planen', exact: true }).click();
  await page.locator('#list-count').waitFor();
  s = await addsUp(page);
  assert.equal(s.withdrawn, 'Återtagna (1): MP tillägg');
  assert.equal(s.head, '3 av 6 visas i texten');
  // the chair finds for MP 1 in the first proposition: V 2 falls
  await page.evaluate(async () => {
    const st = await import('/js/state.js');
    st.commit('vote', (d) => { d.procedure.propositions[0].found = 'mp1'; d.procedure.propositions.splice(2, 1); });
  });
  s = await addsUp(page);
  assert.equal(s.fallen, 'Fallna (1): V 2');
  assert.equal(s.conflict, undefined);
  assert.match(await page.locator('.am[data-id=v2] .flags').textContent(), /Fallit i voteringen \(eftersom MP 1 antogs\)/);
  // English
  await page.getByRole('button', { name: 'In English' }).click();
  s = await addsUp(page);
  assert.equal(s.head, '3 of 6 shown in the text');
  assert.equal(s.fallen, 'Fallen (1): V 2');
  assert.equal(s.withdrawn, 'Withdrawn (1): MP addition');
  assert.deepEqual(errors, []);
});

test('every disabled control says why: text a proposal adds, no selection, the result', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', { width: 1440, height: 900 });
  const bar = page.getByRole('toolbar', { name: 'Markerad text' });
  const hint = page.locator('#sel-hint');
  assert.equal(await hint.getAttribute('aria-live'), 'polite');
  // nothing selected: the buttons are described by the hint
  for (const name of ['Stryk', 'Ändra', 'Lägg till']) {
    const b = bar.getByRole('button', { name, exact: true });
    assert.equal(await b.isDisabled(), true);
    assert.equal(await b.getAttribute('aria-describedby'), 'sel-hint');
  }
  assert.match(await hint.textContent(), /^Markera ord i planen/);
  // a double-click on the paragraph C adds
  await page.locator('.am[data-id=c-tillagg]').getByRole('button', { name: /Gå till/ }).click();
  await dblclickWord(page, '#doc .blk.added ins', 'Västsveriges');
  await page.waitForFunction(() => /läggs till av/.test(document.querySelector('#sel-hint')?.textContent));
  assert.equal(await page.evaluate(() => document.getSelection().isCollapsed), false);
  assert.match(await hint.textContent(), /^Den här texten läggs till av C tillägg — markera i originaltexten eller redigera C tillägg\./);
  assert.equal(await bar.getByRole('button', { name: 'Stryk', exact: true }).isDisabled(), true);
  assert.equal(await bar.getByRole('button', { name: 'Stryk', exact: true }).getAttribute('aria-describedby'), 'sel-hint');
  await screenshot(page, 'truth-inserted-1440');
  // the hint offers to edit the proposal
  await hint.getByRole('button', { name: 'Redigera C tillägg' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // a rewording's inserted words, when V 2 is shown
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Visa V 2 i stället för MP 1' }).click();
  await dblclickWord(page, '#doc ins', 'ekonomiska');
  await page.waitForFunction(() => /av V 2/.test(document.querySelector('#sel-hint')?.textContent));
  assert.match(await hint.textContent(), /^Den här texten läggs till av V 2 — markera i originaltexten eller redigera V 2\./);
  // original text selected: the buttons work again
  await dblclickWord(page, '#doc .blk .txt', 'Medarbetare');
  await page.waitForFunction(() => /^Markerat/.test(document.querySelector('#sel-hint')?.textContent));
  assert.equal(await bar.getByRole('button', { name: 'Stryk', exact: true }).isDisabled(), false);
  assert.equal(await bar.getByRole('button', { name: 'Stryk', exact: true }).getAttribute('aria-describedby'), null);
  // English
  await page.getByRole('button', { name: 'In English' }).click();
  await page.locator('.am[data-id=c-tillagg]').getByRole('button', { name: /Go to/ }).click();
  await dblclickWord(page, '#doc .blk.added ins', 'Västsveriges');
  await page.waitForFunction(() => /added by/.test(document.querySelector('#sel-hint')?.textContent));
  assert.match(await hint.textContent(), /^This text is added by C addition — select in the original text or edit C addition\./);
  // the result: every disabled button in the plan view has a description with text
  await page.getByRole('radio', { name: 'Result' }).check();
  const undescribed = await page.evaluate(() => [...document.querySelectorAll('.plan-layout button:disabled')]
    .filter((b) => {
      const ids = (b.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      return !ids.some((id) => document.getElementById(id)?.textContent.trim());
    }).map((b) => b.textContent));
  assert.deepEqual(undescribed, []);
  assert.match(await hint.textContent(), /Switch to “Original text” or “With changes”/);
  assert.deepEqual(errors, []);
});

/**
 * Margin chips broken inside a label ("MP / 1"), or cut off by the block's
 * edge. A long label ("MP tillägg") may break between its words.
 */
async function brokenChips(page) {
  return page.evaluate(() => [...document.querySelectorAll('#doc .marks .chip')].filter((c) => {
    const r = document.createRange();
    r.selectNodeContents(c);
    const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
    const words = c.textContent.split(' ').length; // "MP\u00a01" is one
    const out = c.getBoundingClientRect().left < c.closest('.blk').getBoundingClientRect().left - 0.5;
    return lines > words || out;
  }).map((c) => c.textContent));
}

test('a phone: the text on the first screen, a compact header and toolbar, hints whole, chips unbroken', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', { width: 390, height: 844 });
  const m = await page.evaluate(() => ({
    header: document.querySelector('#top').getBoundingClientRect().height,
    bar: document.querySelector('.doc-bar').getBoundingClientRect().height,
    text: document.querySelector('#doc .blk .txt').getBoundingClientRect().top,
    wide: document.documentElement.scrollWidth,
  }));
  assert.ok(m.header + m.bar <= 844 / 4, `header ${m.header} + toolbar ${m.bar} px`);
  assert.ok(m.text < 844 / 2, `the text starts at ${m.text} px`);
  assert.equal(m.wide, 390);
  // the contents are folded behind a button
  const toggle = page.getByRole('button', { name: 'Innehåll' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#toc-list').isVisible(), false);
  await screenshot(page, 'truth-phone-390');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.locator('#toc-list').getByRole('link', { name: /Lokaleffektivitet/ }).click();
  // the hint is whole: not clamped, nothing hidden
  const hint = page.locator('#sel-hint');
  const cut = await hint.evaluate((el) => ({
    clamp: getComputedStyle(el).webkitLineClamp, overflow: el.scrollHeight - el.clientHeight, ellipsis: getComputedStyle(el).textOverflow,
  }));
  assert.deepEqual(cut, { clamp: 'none', overflow: 0, ellipsis: 'clip' });
  assert.equal(await hint.innerText(), 'Markera ord i texten och välj vad som ska göras.');
  // margin chips stay whole, and so does the conflict mark when both are shown
  assert.deepEqual(await brokenChips(page), []);
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Visa båda' }).click();
  await page.locator('.am[data-id=v2]').getByRole('button', { name: /Gå till/ }).click();
  await page.waitForTimeout(300);
  assert.deepEqual(await brokenChips(page), []);
  // the margin is too narrow for the conflict mark: it stands over the text, whole
  assert.equal(await page.locator('#doc .marks .clash').isVisible(), false);
  const note = page.locator('#doc .clash-note');
  assert.equal(await note.isVisible(), true);
  assert.equal((await note.innerText()).replace(/\u00a0/g, ' ').trim(), '⚠ Krockar: MP 1 / V 2');
  assert.equal(await note.evaluate((el) => el.scrollWidth <= el.clientWidth), true);
  await screenshot(page, 'truth-phone-together-390');
  // a long selection is shortened at a word, never cut inside one
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => {
    const txt = [...document.querySelectorAll('#doc .blk .txt')].find((x) => x.textContent.startsWith('Kommunstyrelsen gav'));
    const r = document.createRange();
    r.selectNodeContents(txt);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(r);
  });
  await page.waitForFunction(() => /^Markerat/.test(document.querySelector('#sel-hint')?.textContent));
  const said = await hint.textContent();
  assert.match(said, /^Markerat: ”Kommunstyrelsen gav i budgeten för 2023–2025 kommunledningskontoret i uppdrag att ta fram …”$/);
  assert.deepEqual(await brokenChips(page), []);
  assert.deepEqual(errors, []);
});

test('no serious accessibility violations in the plan view, default and with a conflict shown', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', { width: 1440, height: 900 });
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Visa båda' }).click();
  await page.locator('#doc .clash').waitFor({ state: 'attached' });
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
