// End-to-end tests of the minutes' procedural steps, house style and the
// secretary's own text of a section, on the Alingsås example: recorded in
// the vote (Votering) and the meeting (Sammanträde) views, read back in the
// generated minutes, kept over a reload and regenerated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot, setup } from './harness.mjs';

/** Joins hard line breaks: every run of white space becomes one space. */
const joined = (s) => s.split(/\s+/).filter(Boolean).join(' ');

const card = (page, n) => page.locator(`#votering-${n}`);

/** A section of the minutes by its title. */
const section = (page, title) => page.locator('.minutes .min-sec').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** A section of the minutes, as text (its paragraphs and tables, not its tools). */
async function sectionText(page, title) {
  return joined((await section(page, title).locator(':scope > p, :scope > table').allTextContents()).join(' '));
}

/** Waits until the section `title` of the minutes matches `re`; returns its text. */
async function waitForText(page, title, re) {
  await page.waitForFunction(([title, source]) => {
    const sec = [...document.querySelectorAll('.minutes .min-sec')].find((s) => s.querySelector('h4')?.textContent === title);
    return sec && new RegExp(source).test([...sec.querySelectorAll(':scope > p, :scope > table')].map((x) => x.textContent).join(' ').split(/\s+/).join(' '));
  }, [title, re.source]);
  return sectionText(page, title);
}

async function setCount(page, n, what, value) {
  const input = card(page, n).getByLabel(what, { exact: true });
  await input.fill(String(value));
  await input.press('Tab');
  const word = { Ja: 'Ja', Nej: 'nej', Avstår: 'avstår' }[what];
  await card(page, n).locator('.totals', { hasText: new RegExp(`${word} ${value}\\b`) }).first().waitFor();
}

async function noViolations(page) {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], v.join('\n'));
}

test('the chair’s statement, the long tally, a protocol note and an edited Beslut: kept over a reload, marked, compared and regenerated', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#votering');
  await page.locator('.vote .minutes .min-sec').first().waitFor();

  // the chair states the proposals
  await page.getByRole('checkbox', { name: 'Ordföranden redovisar förslagen' }).check();
  assert.match(await waitForText(page, 'Beslutsgång', /Ordföranden konstaterar/),
    /^Ordföranden konstaterar att det finns sju förslag: arbetsutskottets förslag till beslut, Amanda Anderssons \(MP\) två ändringsförslag,/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'vote-statement');

  // a roll call on proposition 4, demanded by Emily Munter, in the short tally (the default) …
  await card(page, 4).getByRole('radio', { name: 'Votering' }).check();
  await setCount(page, 4, 'Ja', 10);
  await setCount(page, 4, 'Nej', 4);
  await setCount(page, 4, 'Avstår', 1);
  await card(page, 4).getByRole('group', { name: 'Omröstning begärd av' }).getByRole('checkbox', { name: 'Emily Munter (V)' }).check();
  let procedure = await waitForText(page, 'Beslutsgång', /Omröstning begärs av Emily Munter/);
  assert.match(procedure, /Med 10 ja-röster mot 4 nej-röster och 1 som avstår beslutar kommunstyrelsen/);

  // … then the long tally, chosen in the meeting's house style
  await page.getByRole('link', { name: 'Sammanträde', exact: true }).click();
  const tally = page.getByLabel('Omröstningsresultat', { exact: true });
  assert.match(await tally.locator('option:checked').textContent(), /\(standard\)$/);
  assert.equal(await page.getByLabel('Förslag som faller', { exact: true }).locator('option[value=has_fallen]').textContent(),
    '”Därmed har Emily Munters första ändringsförslag fallit.”');
  await tally.selectOption('long');
  await page.locator('.status', { hasText: 'Omröstningsresultat: Långt' }).waitFor();
  await noViolations(page);
  await page.locator('#meeting-style-title').scrollIntoViewIfNeeded();
  await screenshot(page, 'meeting-style');
  await page.getByRole('link', { name: 'Votering', exact: true }).click();
  procedure = await waitForText(page, 'Beslutsgång', /Omröstningsresultat:/);
  assert.match(procedure, /Omröstningsresultat: Med 10 ja-röster mot 4 nej-röster samt 1 ledamot som avstår från att rösta beslutar kommunstyrelsen/);

  // a protocol note
  await page.getByLabel('Ny anteckning: ledamot').selectOption({ label: 'Heidi Hankanen Ängberg (C)' });
  await page.getByLabel('Ny anteckning: text').fill('Centerpartiet vill att handlingsplanen följs upp varje kvartal.');
  await page.getByRole('button', { name: 'Lägg till protokollsanteckning' }).click();
  assert.equal(await waitForText(page, 'Protokollsanteckning', /lämnar/),
    'Heidi Hankanen Ängberg (C) lämnar följande protokollsanteckning: Centerpartiet vill att handlingsplanen följs upp varje kvartal.');
  await page.locator('#vote-live', { hasText: 'Protokollsanteckningen av Heidi Hankanen Ängberg (C) är tillagd.' }).waitFor();

  // the secretary's own text of Beslut
  const generated = await sectionText(page, 'Beslut');
  await section(page, 'Beslut').getByRole('button', { name: 'Redigera avsnittet ”Beslut”' }).click();
  const area = page.getByRole('textbox', { name: 'Beslut', exact: true });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'min-decision-text');
  assert.equal(joined(await area.inputValue()), generated);
  await noViolations(page);
  const own = 'Kommunstyrelsen beslutar att anta handlingsplanen.\n\nUppföljning sker i delårsrapporten.';
  await area.fill(own);
  await page.getByRole('button', { name: 'Spara texten' }).click();
  await section(page, 'Beslut').locator('.edited-mark', { hasText: 'Redigerad' }).waitFor();
  assert.equal(await sectionText(page, 'Beslut'), joined(own));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'min-decision-edit');
  await page.locator('#vote-live', { hasText: 'Avsnittet ”Beslut” är redigerat.' }).waitFor();
  // undone and redone like any other edit
  await page.getByRole('button', { name: 'Ångra' }).click();
  assert.equal(await waitForText(page, 'Beslut', /^1\./), generated);
  assert.equal(await section(page, 'Beslut').locator('.edited-mark').count(), 0);
  await page.getByRole('button', { name: 'Gör om' }).click();
  await section(page, 'Beslut').locator('.edited-mark').waitFor();

  // everything is in the case file, which keeps it over a reload
  await page.waitForFunction(async () => ((await window.amend.stored()) ?? '').includes('minutes_edits'));
  const stored = JSON.parse(await page.evaluate(() => window.amend.stored()));
  assert.equal(stored.procedure.statement, true);
  assert.deepEqual(stored.procedure.protocol_notes, [{ member: 'hha', text: 'Centerpartiet vill att handlingsplanen följs upp varje kvartal.' }]);
  assert.deepEqual(stored.procedure.propositions[3].roll_call.demanded_by, ['em']);
  assert.deepEqual(stored.style, { tally: 'long', today: 'idag', fallen: 'falls', decision: 'points', support: 'separate' });
  assert.equal(stored.minutes_edits.length, 1);
  assert.deepEqual({ ...stored.minutes_edits[0], generated: joined(stored.minutes_edits[0].generated) },
    { section: 'decision', lang: 'sv', title: 'Beslut', text: own, generated });
  await page.reload();
  await page.locator('.vote .minutes .min-sec').first().waitFor();
  assert.equal(await sectionText(page, 'Beslut'), joined(own));
  await section(page, 'Beslut').locator('.edited-mark', { hasText: 'Redigerad' }).waitFor();
  assert.equal(await section(page, 'Beslut').locator('.edit-changed').count(), 0, 'nothing changed yet');

  // the record changes: the MP addition is adopted; the edited text stays, and says so
  await setCount(page, 4, 'Ja', 3);
  const notice = section(page, 'Beslut').getByText('Underlaget har ändrats sedan texten redigerades.');
  await notice.waitFor();
  assert.equal(await sectionText(page, 'Beslut'), joined(own));
  await section(page, 'Beslut').getByText('Visa texten som genereras nu').click();
  const col = async (n) => joined((await section(page, 'Beslut').locator('.compare-col').nth(n).locator('h5, p').allTextContents()).join(' '));
  const now = (await col(1)).replace(/^Genererad nu /, '');
  assert.match(now, /^1\. Den kommunövergripande handlingsplanen antas\./);
  assert.match(now, /Med bifall till Amanda Anderssons \(MP\) tilläggsförslag/);
  assert.notEqual(now, generated);
  assert.equal(await col(0), `Din text ${joined(own)}`);
  await noViolations(page);
  await screenshot(page, 'minutes-edited');

  // and is regenerated
  await section(page, 'Beslut').getByRole('button', { name: 'Återställ den genererade texten avsnittet ”Beslut”' }).click();
  const back = await waitForText(page, 'Beslut', /^1\./);
  assert.equal(back, now);
  assert.equal(await section(page, 'Beslut').locator('.edited-mark, .edit-changed').count(), 0);
  await page.locator('#vote-live', { hasText: 'Avsnittet ”Beslut” har den genererade texten igen.' }).waitFor();
  await page.waitForFunction(async () => !((await window.amend.stored()) ?? 'minutes_edits').includes('minutes_edits'));

  // in English, the English minutes' sections have the same tools
  await page.getByRole('button', { name: 'In English' }).click();
  await section(page, 'Decision').getByRole('button', { name: 'Edit the section “Decision”' }).click();
  await page.getByRole('textbox', { name: 'Decision', exact: true }).press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'min-decision-edit');
  assert.doesNotMatch(await page.locator('main').textContent(), /null|undefined/);
  assert.deepEqual(errors, []);
});

test('reservations by a party group, against a decision, with the written text; support for the base proposal; a conditional proposal', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#votering');
  await page.locator('.vote .minutes .min-sec').first().waitFor();

  // the second reservation is the V group's, against rejecting the V amendments, with its text
  const res = page.locator('.reservation').nth(1);
  await res.getByRole('radio', { name: 'som partigrupp' }).check();
  // the member's own party first
  assert.equal(await page.locator('#res1-group').inputValue(), 'V');
  await page.locator('#res1-group').selectOption('MP');
  await page.locator('#res1-group').selectOption('V');
  await page.locator('#res1-written').check();
  await res.getByText('Mot ett visst beslut').click();
  await res.getByRole('group', { name: 'Mot beslutet att …' }).getByRole('checkbox', { name: /^V 2/ }).check();
  // the choice stays open, and the focus on the box
  assert.equal(await page.evaluate(() => document.activeElement.id), 'res1-a5');
  await page.locator('#res1-text').fill('Vi anser att nämndbuffertarna ska vara kvar.');
  await page.locator('#res1-text').press('Tab');
  const reservation = await waitForText(page, 'Reservation', /Ledamöterna för V/);
  assert.match(reservation, /Ledamöterna för V reserverar sig/);
  await section(page, 'Bilaga: reservation (Ledamöterna för V)').waitFor();
  assert.equal(await sectionText(page, 'Bilaga: reservation (Ledamöterna för V)'), 'Vi anser att nämndbuffertarna ska vara kvar.');
  await noViolations(page);

  // the order of propositions approved
  await page.getByRole('checkbox', { name: 'Ordföranden föreslår propositionsordningen och den godkänns' }).check();
  assert.match(await waitForText(page, 'Beslutsgång', /godkänner ordförandens förslag/), /Kommunstyrelsen godkänner ordförandens förslag till propositionsordning\./);

  // Heidi Hankanen Ängberg proposes approving the base proposal, and rejecting the others
  await page.getByRole('link', { name: 'Sammanträde', exact: true }).click();
  const support = page.getByRole('group', { name: 'Föreslår bifall till förslaget' });
  await support.getByRole('checkbox', { name: 'Heidi Hankanen Ängberg (C)', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Heidi Hankanen Ängberg (C): samt avslag på övriga förslag' }).check();
  // V 2 only for the case that the matter is decided today
  await page.locator('#am-v2-conditional').check();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'am-v2-conditional');
  await noViolations(page);
  const stored = async () => JSON.parse(await page.evaluate(() => window.amend.stored()));
  await page.waitForFunction(async () => ((await window.amend.stored()) ?? '').includes('"conditional"'));
  const c = await stored();
  assert.deepEqual(c.base.supporters, [{ member: 'hha', reject_others: true }]);
  assert.equal(c.amendments.find((a) => a.id === 'v2').conditional, true);
  assert.deepEqual(c.procedure.reservations[1], { group: 'V', against: ['v2'], written: true, text: 'Vi anser att nämndbuffertarna ska vara kvar.' });
  // the plan's card says so, and the draft dialog keeps and changes it
  await page.getByRole('link', { name: 'Planen', exact: true }).click();
  assert.match(await page.locator('.am[data-id=v2]').textContent(), /Endast för det fall ärendet ska avgöras idag/);
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Redigera V 2' }).click();
  const dialog = page.getByRole('dialog');
  const conditional = dialog.getByRole('checkbox', { name: 'Endast för det fall ärendet ska avgöras idag' });
  assert.equal(await conditional.isChecked(), true);
  await conditional.uncheck();
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await page.waitForFunction(async () => !((await window.amend.stored()) ?? '"conditional"').includes('"conditional"'));
  assert.doesNotMatch(await page.locator('.am[data-id=v2]').textContent(), /Endast för det fall/);
  await page.getByRole('button', { name: 'Ångra' }).click();
  await page.locator('.am[data-id=v2]', { hasText: 'Endast för det fall ärendet ska avgöras idag' }).waitFor();

  await page.getByRole('link', { name: 'Votering', exact: true }).click();
  assert.match(await waitForText(page, 'Förslag till beslut på sammanträdet', /samt avslag på övriga förslag/),
    /Heidi Hankanen Ängberg \(C\) föreslår bifall till arbetsutskottets förslag till beslut samt avslag på övriga förslag\./);
  assert.deepEqual(errors, []);
});
