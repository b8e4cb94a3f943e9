// End-to-end tests of the vote (Votering) and the meeting (Sammanträde): a
// chair or secretary in Chromium, against www/ served on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, download, ROOT, screenshot, setup } from './harness.mjs';

const SEED = readFileSync(join(ROOT, 'examples/alingsas-ks-2023-217/protokoll-ks-2023-217.txt'), 'utf8');
const ENDS = ['Beslutsgång', 'Beslut', 'Reservation', 'Expedieras till'];

/** Joins hard line breaks: every run of white space becomes one space. */
const joined = (s) => s.split(/\s+/).filter(Boolean).join(' ');

/** The seed's text between a heading line and the next heading. */
function seedSection(title) {
  const lines = SEED.split('\n');
  const start = lines.findIndex((l) => l.trim() === title) + 1;
  assert.ok(start > 0, `no ${title} in the seed`);
  let end = lines.slice(start).findIndex((l) => ENDS.includes(l.trim()));
  end = end < 0 ? lines.length : start + end;
  return joined(lines.slice(start, end).join('\n'));
}

const card = (page, n) => page.locator(`#votering-${n}`);

/** A section of the generated minutes, as text. */
async function minutesSection(page, title) {
  const sec = page.locator('.minutes .min-sec').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  return joined((await sec.locator('p, table').allTextContents()).join(' '));
}

async function headings(page) {
  return (await page.locator('.prop .prop-alts').allTextContents()).map(joined);
}

/** Runs an item of an alternative's menu in proposition `n`. */
async function altMenu(page, n, alt, item) {
  await card(page, n).getByRole('button', { name: `Åtgärder för alternativet ${alt}`, exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function openExample(app, options) {
  const opened = await app.newPage('#votering', options);
  await opened.page.locator('.vote').waitFor();
  return opened;
}

/** Clears the recorded procedure and lets the engine suggest the order. */
async function defaultOrder(page) {
  await page.getByRole('button', { name: 'Töm beslutsgången' }).click();
  await page.locator('.vote .empty', { hasText: 'Ingen propositionsordning ännu' }).waitFor();
  await page.getByRole('button', { name: 'Föreslå propositionsordning' }).click();
  await card(page, 1).waitFor();
}

/** Types a number of votes and leaves the field; waits for the totals to follow. */
async function setCount(page, n, round, what, value) {
  const scope = round ? card(page, n).getByRole('region', { name: round }) : card(page, n);
  const input = scope.getByLabel(what, { exact: true });
  await input.fill(String(value));
  await input.press('Tab');
  const word = { Ja: 'Ja', Nej: 'nej', Avstår: 'avstår' }[what];
  await scope.locator('.totals', { hasText: new RegExp(`${word} ${value}\\b`) }).first().waitFor();
}

async function acclamation(page, n, winner) {
  await card(page, n).getByRole('radio', { name: 'Acklamation' }).check();
  await card(page, n).locator('fieldset.finding').getByRole('radio', { name: winner }).check();
}

test('the default order, then the seed rebuilt by hand: its beslutsgång word for word', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  // the example's own record reproduces the seed
  assert.equal(await minutesSection(page, 'Beslutsgång'), seedSection('Beslutsgång'));

  await defaultOrder(page);
  assert.deepEqual(await headings(page), [
    'Arbetsutskottets förslag till beslut mot MP 2 + V 1',
    'Arbetsutskottets förslag till beslut mot MP 1 och V 2',
    'MP tillägg mot avslag',
    'C tillägg mot avslag',
  ]);
  // nothing decided yet: every proposal open, no minutes' decision
  assert.match(await page.locator('.status-table tr[data-id=mp1]').textContent(), /Ej avgjort/);
  assert.match(await minutesSection(page, 'Beslut'), /Ärendet är inte avgjort/);

  // regroup as the chair did: MP 1 and V 1 against the base, then MP 2, then V 2
  await altMenu(page, 1, 'MP 2 + V 1', 'Dela de likalydande förslagen');
  assert.deepEqual((await headings(page))[0], 'Arbetsutskottets förslag till beslut mot MP 2 och V 1');
  // identical proposals as two alternatives are an error, shown where they are
  assert.match(await card(page, 1).locator('.problem').textContent(), /Likalydande förslag ställs som ett alternativ/);
  await altMenu(page, 1, 'V 1', 'Flytta till proposition 2');
  await altMenu(page, 2, 'V 2', 'Flytta till en egen proposition');
  await card(page, 2).getByRole('button', { name: 'Upp (proposition 2)', exact: true }).click();
  // focus follows the proposition it moved
  assert.equal(await page.evaluate(() => document.activeElement.id), 'p0-down');
  assert.deepEqual(await headings(page), [
    'Arbetsutskottets förslag till beslut mot MP 1 och V 1',
    'Arbetsutskottets förslag till beslut mot MP 2',
    'Arbetsutskottets förslag till beslut mot V 2',
    'MP tillägg mot avslag',
    'C tillägg mot avslag',
  ]);
  // the unusual grouping is allowed, with a warning next to it
  assert.match(await card(page, 1).locator('.notices').textContent(), /MP 1 och V 1 gäller olika ställen i texten/);

  for (const n of [1, 2, 3]) await acclamation(page, n, 'Arbetsutskottets förslag till beslut');
  for (const n of [4, 5]) await acclamation(page, n, 'Avslag');
  // the reservations: Amanda Andersson and Emily Munter, each for her own proposal
  await page.getByRole('button', { name: 'Lägg till reservation' }).click();
  await page.getByRole('button', { name: 'Lägg till reservation' }).click();
  await page.locator('#res1-who').selectOption({ label: 'Emily Munter (V)' });

  assert.equal(await minutesSection(page, 'Beslutsgång'), seedSection('Beslutsgång'));
  assert.equal(await minutesSection(page, 'Beslut'), seedSection('Beslut'));
  assert.equal(await minutesSection(page, 'Reservation'), seedSection('Reservation'));
  // the adopted plan is the original
  assert.match(await page.locator('.adopted .hint').textContent(), /Inga förslag har antagits/);
  assert.equal(await page.locator('#vote-adopted ins, #vote-adopted del').count(), 0);
  for (const id of ['mp1', 'mp2', 'v1', 'v2', 'mp-tillagg', 'c-tillagg']) {
    assert.match(await page.locator(`.status-table tr[data-id="${id}"]`).textContent(), /Avslaget/, id);
  }
  // and the minutes download as text
  const file = await download(page, () => page.getByRole('button', { name: 'Hämta protokollet (.txt)' }).click());
  assert.equal(file.name, 'kommunkoncernovergripande-ekonomisk-handlingsplan-protokoll.txt');
  assert.ok(file.text.startsWith('§ 217  2023.476 KS\nKommunkoncernövergripande ekonomisk handlingsplan\n\nFörslag till beslut på sammanträdet\n'));
  assert.equal(joined(file.text.split('Beslutsgång\n')[1].split('\nBeslut\n')[0]), seedSection('Beslutsgång'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'vote');
  assert.deepEqual(errors, []);
});

test('MP 2 and V 1 adopted as one alternative: the section goes, V 2 stays, MP 1 falls with nothing', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  await defaultOrder(page);
  await acclamation(page, 1, 'Amanda Andersson (MP), ändringsförslag 2 och Emily Munter (V), ändringsförslag 1');
  await acclamation(page, 2, 'Arbetsutskottets förslag till beslut');
  await acclamation(page, 3, 'Avslag');
  await acclamation(page, 4, 'Avslag');
  assert.match(await page.locator('.status-table tr[data-id=mp2]').textContent(), /Antaget/);
  assert.match(await page.locator('.status-table tr[data-id=v1]').textContent(), /Antaget/);
  assert.match(await page.locator('.status-table tr[data-id=mp1]').textContent(), /Avslaget/);
  assert.match(await page.locator('.adopted .hint').textContent(), /Antagna förslag: MP 2, V 1/);
  // with changes: the section is struck through, by both proposers
  const struck = page.locator('#vote-adopted .blk.removed', { hasText: 'Nämndbuffertar mot oförutsedda kostnader' });
  assert.equal(await struck.count(), 1);
  assert.match(await struck.locator('.sr-only').first().textContent(), /struket, Amanda Andersson \(MP\), ändringsförslag 2; Emily Munter \(V\), ändringsförslag 1/);
  // the result: gone
  await page.getByRole('radio', { name: 'Resultat' }).check();
  assert.equal(await page.locator('#vote-adopted', { hasText: 'Nämndbuffertar' }).count(), 0);
  assert.equal(await page.locator('#vote-adopted', { hasText: 'Effektivisera den politiska målstyrningen' }).count(), 1);
  assert.match(await minutesSection(page, 'Beslutsgång'), /^Ordföranden ställer arbetsutskottets förslag till beslut mot Amanda Anderssons andra och Emily Munters första ändringsförslag och finner att kommunstyrelsen bifaller Amanda Anderssons andra och Emily Munters första ändringsförslag\./);
  assert.match(await minutesSection(page, 'Beslut'), /Med bifall till Amanda Anderssons \(MP\) andra och Emily Munters \(V\) första ändringsförslag görs följande ändringar/);
  // the export view can take the adopted set
  await page.getByRole('link', { name: 'Exportera och skriv ut' }).click();
  await page.getByRole('button', { name: 'Välj de antagna förslagen' }).click();
  const txt = await download(page, () => page.locator('button[data-export=txt]').click());
  assert.ok(!txt.text.includes('Nämndbuffertar'));
  assert.ok(txt.text.includes('Sveriges mest effektiva kommun'));
  const minutes = await download(page, () => page.locator('button[data-export=minutes]').click());
  assert.match(minutes.text, /Med bifall till Amanda Anderssons \(MP\) andra och Emily Munters \(V\) första ändringsförslag/);
  assert.deepEqual(errors, []);
});

test('a roll call tied 7–7 is decided by the chair’s casting vote; three alternatives go through a kontraproposition', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  // proposition 4 of the seed: MP's addition against rejection
  const p4 = card(page, 4);
  await p4.getByRole('radio', { name: 'Votering' }).check();
  assert.equal(await p4.getByLabel('Huvudförslag (det ordföranden fann bifallet)').inputValue(), 'reject');
  await setCount(page, 4, null, 'Ja', 7);
  await setCount(page, 4, null, 'Nej', 7);
  await setCount(page, 4, null, 'Avstår', 1);
  // the tie waits for the chair's casting vote: a step, not an error
  assert.match(await p4.locator('.pending').textContent(), /Lika röstetal\. Ange ordförandens utslagsröst\./);
  assert.equal(await p4.locator('.problem').count(), 0);
  const casting = p4.getByRole('group', { name: 'Lika röstetal – ordförandens utslagsröst' });
  assert.match(await casting.textContent(), /Rösterna står 7 mot 7/);
  await screenshot(page, 'vote-tie', { fullPage: false });
  await casting.getByRole('radio', { name: 'Nej (MP tillägg)' }).check();
  assert.equal(await p4.locator('.problem').count(), 0);
  assert.match(await p4.locator('.result').textContent(), /MP tillägg bifalls\. \(7 ja, 7 nej, 1 avstår\) med ordförandens utslagsröst/);
  assert.match(await page.locator('.status-table tr[data-id=mp-tillagg]').textContent(), /Antaget/);
  assert.match(await minutesSection(page, 'Beslutsgång'), /Omröstning begärs\. Kommunstyrelsen godkänner följande propositionsordning: Ja-röst för bifall till avslag\. Nej-röst för bifall till Amanda Anderssons tilläggsförslag\. Med 7 ja-röster mot 7 nej-röster och 1 som avstår beslutar kommunstyrelsen med ordförandens utslagsröst att bifalla Amanda Anderssons tilläggsförslag\./);
  // the adopted sentence is in the text
  assert.equal(await page.locator('#vote-adopted ins', { hasText: 'utan att förvaltningarna inte ska dubbelarbeta' }).count(), 1);

  // the default order's second proposition: the base against MP 1 and V 2
  await defaultOrder(page);
  const p2 = card(page, 2);
  await p2.getByRole('radio', { name: 'Votering' }).check();
  const round = p2.getByRole('region', { name: 'Omgång 1' });
  assert.match(await round.locator('.sides').textContent(), /Ja-röst för MP 1\. Nej-röst för V 2\./);
  await setCount(page, 2, 'Omgång 1', 'Ja', 3);
  await setCount(page, 2, 'Omgång 1', 'Nej', 5);
  await setCount(page, 2, 'Omgång 1', 'Avstår', 7);
  const main = p2.getByRole('region', { name: 'Huvudvotering' });
  assert.match(await main.locator('.sides').textContent(), /Ja-röst för arbetsutskottets förslag till beslut\. Nej-röst för V 2\./);
  await setCount(page, 2, 'Huvudvotering', 'Ja', 8);
  await setCount(page, 2, 'Huvudvotering', 'Nej', 5);
  await setCount(page, 2, 'Huvudvotering', 'Avstår', 2);
  await acclamation(page, 1, 'Arbetsutskottets förslag till beslut');
  const text = await minutesSection(page, 'Beslutsgång');
  assert.match(text, /Ordföranden finner att arbetsutskottets förslag till beslut är huvudförslag\. För att utse motförslag godkänner kommunstyrelsen följande propositionsordning: Ja-röst för Amanda Anderssons första ändringsförslag\. Nej-röst för Emily Munters andra ändringsförslag\. Med 3 ja-röster mot 5 nej-röster och 7 som avstår beslutar kommunstyrelsen att utse Emily Munters andra ändringsförslag till motförslag\./);
  assert.match(text, /Med 8 ja-röster mot 5 nej-röster och 2 som avstår beslutar kommunstyrelsen att bifalla arbetsutskottets förslag till beslut\./);
  assert.deepEqual(errors, []);
});

test('more votes than members present: the error is shown at the proposition, the input is kept, also after a reload', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  const p5 = card(page, 5);
  await p5.getByRole('radio', { name: 'Votering' }).check();
  await setCount(page, 5, null, 'Ja', 9);
  await setCount(page, 5, null, 'Nej', 6);
  await setCount(page, 5, null, 'Avstår', 1);
  const problem = p5.locator('.problem');
  assert.match(await problem.textContent(), /Fler röster än närvarande ledamöter \(15 närvarande\)/);
  assert.match(await problem.locator('details').textContent(), /16 votes .* only 15 members present/);
  assert.equal(await p5.getByLabel('Ja', { exact: true }).inputValue(), '9');
  assert.equal(await p5.getByLabel('Nej', { exact: true }).inputValue(), '6');
  assert.equal(await p5.getByLabel('Avstår', { exact: true }).inputValue(), '1');
  // what was decided before it stands; the minutes wait
  assert.match(await page.locator('.status-table tr[data-id=mp-tillagg]').textContent(), /Avslaget/);
  assert.match(await page.locator('.minutes').textContent(), /Protokollet kan skrivas när felet i proposition 5 är rättat/);
  assert.equal(await page.getByRole('button', { name: 'Hämta protokollet (.txt)' }).isDisabled(), true);
  // screen readers hear it once
  await page.locator('#vote-live', { hasText: /Fel \(Proposition 5\): Fler röster än närvarande/ }).waitFor({ state: 'attached' });
  await p5.scrollIntoViewIfNeeded();
  await screenshot(page, 'vote-error');

  await page.waitForFunction(async () => ((await window.amend.stored()) ?? '').includes('"avstar": 1'));
  const before = await page.evaluate(() => window.amend.stored());
  assert.match(before, /"counts": \{\s*"ja": 9,\s*"nej": 6,\s*"avstar": 1\s*\}/);
  await page.reload();
  await page.locator('.vote').waitFor();
  assert.equal(await page.evaluate(() => window.amend.stored()), before);
  assert.equal(await card(page, 5).getByLabel('Ja', { exact: true }).inputValue(), '9');
  assert.match(await card(page, 5).locator('.problem').textContent(), /Fler röster än närvarande ledamöter/);
  assert.equal(await card(page, 4).locator('fieldset.finding').getByRole('radio', { name: 'Avslag' }).isChecked(), true);

  // corrected: one fewer abstains
  await setCount(page, 5, null, 'Avstår', 0);
  assert.equal(await card(page, 5).locator('.problem').count(), 0);
  assert.match(await minutesSection(page, 'Beslutsgång'), /Med 9 ja-röster mot 6 nej-röster beslutar kommunstyrelsen att bifalla avslag|Med 9 ja-röster mot 6 nej-röster beslutar kommunstyrelsen att avslå Heidi Hankanen Ängbergs tilläggsförslag/);
  // undo brings the error back, redo takes it away
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  await card(page, 5).locator('.problem').waitFor();
  await page.keyboard.press('Control+Shift+z');
  await card(page, 5).locator('.problem').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test('each member’s vote, absence, a reservation by one who abstained, formal motions', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  // two more members, one of them absent; the rest of the board by count
  await page.getByRole('link', { name: 'Sammanträde', exact: true }).click();
  for (const [name, party] of [['Anna Berg', 'M'], ['David Ek', 'S']]) {
    await page.getByLabel('Ny ledamot: namn').fill(name);
    await page.getByLabel('Parti', { exact: true }).last().fill(party);
    await page.getByRole('button', { name: 'Lägg till ledamoten' }).click();
    await page.getByRole('textbox', { name: `Namn för ${name}` }).waitFor();
  }
  await page.getByRole('link', { name: 'Votering', exact: true }).click();
  await page.getByLabel('Antal närvarande ledamöter').fill('');
  await page.getByLabel('Antal närvarande ledamöter').press('Tab');
  await page.getByRole('checkbox', { name: 'David Ek (S)' }).check();
  assert.match(await page.locator('#vote-present-hint').textContent(), /de 4 ledamöterna/);
  // proposition 3 (the base against V 2) by roll call, member by member
  const p3 = card(page, 3);
  await p3.getByRole('radio', { name: 'Votering' }).check();
  await p3.getByRole('radio', { name: 'Varje ledamots röst' }).check();
  assert.equal(await p3.locator('table.ballots tbody tr').count(), 4, 'the absent member is not listed');
  await p3.getByRole('radio', { name: 'Anna Berg (M): Ja' }).check();
  await p3.getByRole('radio', { name: 'Amanda Andersson (MP): Nej' }).check();
  await p3.getByRole('radio', { name: 'Emily Munter (V): Avstår' }).check();
  await p3.getByRole('radio', { name: 'Heidi Hankanen Ängberg (C): Ja' }).check();
  assert.match(await p3.locator('.totals').textContent(), /Ja 2, nej 1, avstår 1/);
  // Emily Munter abstained on her own proposal: her reservation is an error, at the reservation
  const res = page.locator('.reservation').nth(1);
  assert.match(await res.locator('.problem').textContent(), /Emily Munter \(V\) avstod från att rösta och kan därför inte reservera sig/);
  await res.getByRole('button', { name: 'Ta bort reservationen av Emily Munter (V)' }).click();
  assert.equal(await page.locator('.reservation .problem').count(), 0);
  const list = page.locator('.minutes table.roll-call');
  assert.match(await list.locator('caption').textContent(), /Voteringslista 1 \(proposition 3\)/);
  assert.deepEqual(await list.locator('tfoot td').allTextContents(), ['', '2', '1', '1']);
  // a written reservation in favour of chosen alternatives
  await page.getByRole('button', { name: 'Lägg till reservation' }).click();
  const added = page.locator('.reservation').last();
  await added.getByLabel('Ledamot').selectOption({ label: 'Heidi Hankanen Ängberg (C)' });
  await added.getByRole('radio', { name: 'valda alternativ' }).check();
  // her own proposal is chosen to begin with
  assert.equal(await added.getByRole('checkbox', { name: /C tillägg/ }).isChecked(), true);
  await added.getByRole('checkbox', { name: /MP 2/ }).check();
  await added.getByRole('checkbox', { name: 'Skriftlig' }).check();
  assert.match(await minutesSection(page, 'Reservation'), /Heidi Hankanen Ängberg \(C\) reserverar sig till förmån för Amanda Anderssons andra ändringsförslag och Heidi Hankanen Ängbergs tilläggsförslag\. Skriftlig reservation bifogas protokollet\./);

  // a motion to refer the matter back comes first, alone; it needs reasons
  await page.getByLabel('Yrkas av').selectOption({ label: 'Emily Munter (V)' });
  await page.getByRole('button', { name: 'Lägg till yrkandet' }).click();
  assert.match(await page.locator('#formal-error').textContent(), /Skriv motiveringen/);
  await page.getByLabel('Motivering (krävs för återremiss)').fill('Konsekvenserna för landsbygden behöver utredas.');
  await page.getByRole('button', { name: 'Lägg till yrkandet' }).click();
  assert.equal((await headings(page))[0], 'Avgöra ärendet i dag mot återremiss (Emily Munter)');
  await acclamation(page, 1, 'Avgöra ärendet i dag');
  assert.match(await minutesSection(page, 'Beslutsgång'), /^Ordföranden frågar om ärendet ska avgöras idag eller återremitteras och finner att det ska avgöras idag\./);
  assert.match(await minutesSection(page, 'Förslag till beslut på sammanträdet'), /^Emily Munter \(V\) föreslår att ärendet återremitteras med följande motivering: Konsekvenserna för landsbygden behöver utredas\./);
  assert.match(await page.locator('.status-table').textContent(), /Återremiss \(Emily Munter\)\s*✕ Avslaget/);
  assert.doesNotMatch(await page.locator('main').textContent(), /null|undefined/);
  await screenshot(page, 'vote-roll-call');
  assert.deepEqual(errors, []);
});

test('the meeting panel: title, body, paragraph, date, base proposal, supporters — in the minutes at once', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#sammantrade');
  await page.locator('.meeting').waitFor();
  const set = async (label, value) => {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(value);
    await input.press('Tab');
    await page.waitForFunction(([l, v]) => [...document.querySelectorAll('label')].some((x) => x.textContent === l && document.getElementById(x.htmlFor)?.value === v && window.amend.state.undo.length > 0), [label, value]);
  };
  await set('Ärendets rubrik', 'Ekonomisk handlingsplan 2024');
  await page.locator('h1', { hasText: 'Ekonomisk handlingsplan 2024' }).waitFor();
  await page.getByLabel('Organet i protokollet').fill('kommunfullmäktige');
  await page.getByLabel('Organet i protokollet').press('Tab');
  await page.getByLabel('Slag av organ').selectOption('fullmaktige');
  await set('Paragraf', '§ 12');
  await page.getByLabel('Datum').fill('2024-01-31');
  await page.getByLabel('Datum').press('Tab');
  await set('Förslagets namn i protokollet', 'kommunstyrelsens förslag');
  await page.getByRole('button', { name: 'Lägg till punkt' }).click();
  await page.getByLabel('Punkt 3', { exact: true }).fill('Handlingsplanen följs upp årligen.');
  await page.getByLabel('Punkt 3', { exact: true }).press('Tab');
  await page.getByRole('button', { name: 'Flytta punkt 3 uppåt' }).waitFor();
  // a member's name is text, whatever it holds
  await page.evaluate(() => { window.__xss = 0; });
  const markup = '<img src=x onerror="window.__xss=1">';
  await page.getByLabel('Ny ledamot: namn').fill(markup);
  await page.getByRole('button', { name: 'Lägg till ledamoten' }).click();
  await page.getByRole('textbox', { name: `Namn för ${markup}` }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), 0);
  // Emily Munter no longer supports MP 2 … Heidi Hankanen Ängberg does not; Amanda Andersson supports V 2
  await page.locator('#am-mp2-s-hha').uncheck();
  await page.locator('#am-v2-s-aa').check();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'am-v2-s-aa');
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.doesNotMatch(await page.locator('main').textContent(), /null|undefined/);
  await screenshot(page, 'meeting');
  const v = await axeViolations(page);
  assert.deepEqual(v, [], v.join('\n'));

  await page.getByRole('link', { name: 'Votering', exact: true }).click();
  await page.locator('.minutes .min-sec').first().waitFor();
  assert.match(await page.locator('.presence').textContent(), /<img src=x onerror/);
  assert.equal(await page.locator('main img').count(), 0);
  const proposals = await minutesSection(page, 'Förslag till beslut på sammanträdet');
  assert.match(proposals, /Amanda Andersson \(MP\) föreslår följande två ändringar i kommunstyrelsens förslag:/);
  assert.match(proposals, /Heidi Hankanen Ängberg \(C\) föreslår att Emily Munters \(V\) första ändringsförslag bifalls\./);
  assert.match(proposals, /Amanda Andersson \(MP\) föreslår att Emily Munters \(V\) andra ändringsförslag bifalls\./);
  assert.match(await minutesSection(page, 'Beslutsgång'), /finner att kommunfullmäktige bifaller kommunstyrelsens förslag\./);
  assert.match(await minutesSection(page, 'Beslut'), /^1\. Den kommunövergripande handlingsplanen antas\. 2\. Kommundirektören .* 3\. Handlingsplanen följs upp årligen\.$/);
  const file = await download(page, () => page.getByRole('button', { name: 'Hämta protokollet (.txt)' }).click());
  assert.ok(file.text.startsWith('§ 12  2023.476 KS\nEkonomisk handlingsplan 2024\nKommunfullmäktige, sammanträde 2024-01-31\n\n'), file.text.slice(0, 200));
  // English minutes follow the interface
  await page.getByRole('button', { name: 'In English' }).click();
  assert.match(await minutesSection(page, 'Decision procedure'), /^The chair puts the working committee's proposal against Amanda Andersson's first amendment and Emily Munter's first amendment and finds that the municipal council approves the working committee's proposal\./);
  assert.deepEqual(errors, []);
});

test('the whole procedure goes into the case file and comes back identical', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  await card(page, 4).getByRole('radio', { name: 'Votering' }).check();
  await setCount(page, 4, null, 'Ja', 7);
  await setCount(page, 4, null, 'Nej', 7);
  await card(page, 4).getByRole('radio', { name: 'Ja (Avslag)' }).check();
  await page.getByRole('link', { name: 'Exportera och skriv ut' }).click();
  const json = await download(page, () => page.locator('button[data-export=json]').click());
  const exported = JSON.parse(json.text);
  assert.deepEqual(exported.procedure.propositions[3].roll_call, { main: { counts: { ja: 7, nej: 7, avstar: 0 }, casting_vote: 'ja' } });
  assert.equal(json.text, await page.evaluate(() => window.amend.stored()));
  const other = await app.newPage('#votering');
  await other.page.getByRole('button', { name: 'Ärende', exact: true }).click();
  const [chooser] = await Promise.all([
    other.page.waitForEvent('filechooser'),
    other.page.getByRole('menuitem', { name: 'Öppna …' }).click(),
  ]);
  await chooser.setFiles(json.path);
  await other.page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  await other.page.getByRole('link', { name: 'Votering', exact: true }).click();
  assert.equal(await card(other.page, 4).getByRole('radio', { name: 'Ja (Avslag)' }).isChecked(), true);
  assert.equal(await other.page.evaluate(() => window.amend.stored()), json.text);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
});

test('no serious accessibility violations in the vote; tablet width; the printout', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  const check = async (name) => {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], `${name}: ${v.join('\n')}`);
  };
  await check('vote, the seed');
  // nothing left out shows as "null" or "undefined"
  assert.doesNotMatch(await page.locator('main').textContent(), /null|undefined/);
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'vote-print', { fullPage: true });
  assert.equal(await page.locator('.vote-edit').isVisible(), false);
  assert.equal(await page.locator('.minutes').isVisible(), true);
  assert.equal(await page.locator('.minutes .min-sec').count(), 4);
  await page.emulateMedia({ media: 'screen' });
  await card(page, 2).getByRole('radio', { name: 'Votering' }).check();
  await card(page, 2).getByRole('radio', { name: 'Varje ledamots röst' }).check();
  await card(page, 3).getByRole('radio', { name: 'Votering' }).check();
  await setCount(page, 3, null, 'Ja', 7);
  await setCount(page, 3, null, 'Nej', 7);
  await check('vote, roll calls, a tie and errors');
  await card(page, 1).getByRole('button', { name: 'Åtgärder för alternativet MP 1', exact: true }).click();
  await page.getByRole('menu').waitFor();
  await check('vote, a menu open');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'In English' }).click();
  await check('vote, in English');
  await page.getByRole('button', { name: 'På svenska' }).click();

  const tablet = await openExample(app, { width: 820, height: 1180 });
  await screenshot(tablet.page, 'vote-tablet');
  const v = await axeViolations(tablet.page);
  assert.deepEqual(v, [], v.join('\n'));
  await tablet.page.goto(`${app.url}#sammantrade`);
  await tablet.page.locator('.meeting').waitFor();
  await screenshot(tablet.page, 'meeting-tablet');

  assert.deepEqual(errors, []);
  assert.deepEqual(tablet.errors, []);
});

test('a proposal deleted in the plan leaves the vote; a withdrawn one is shown as such', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Ta bort V 2' }).click();
  await page.getByRole('link', { name: 'Votering', exact: true }).click();
  await page.locator('.vote .prop').first().waitFor();
  assert.deepEqual(await headings(page), [
    // Emily Munter has one amendment left: V, not V 1
    'Arbetsutskottets förslag till beslut mot MP 1 och V',
    'Arbetsutskottets förslag till beslut mot MP 2',
    'MP tillägg mot avslag',
    'C tillägg mot avslag',
  ]);
  assert.equal(await page.locator('.prop .problem').count(), 0);
  // MP 1 withdrawn at the meeting
  await page.getByRole('link', { name: 'Sammanträde', exact: true }).click();
  await page.locator('.meeting').waitFor();
  await page.locator('#am-mp1-withdrawn').check();
  await page.getByRole('link', { name: 'Votering', exact: true }).click();
  await page.locator('.vote .prop').first().waitFor();
  assert.equal((await headings(page))[0], 'Arbetsutskottets förslag till beslut mot V');
  assert.match(await page.locator('.status-table tr[data-id=mp1]').textContent(), /Återtaget/);
  assert.doesNotMatch(await minutesSection(page, 'Förslag till beslut på sammanträdet'), /Effektivisera den politiska målstyrningen/);
  // undone, it is back where it was
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  assert.equal((await headings(page))[0], 'Arbetsutskottets förslag till beslut mot MP 1 och V');
  assert.deepEqual(errors, []);
});

test('minutes in which a proposal was never put to the meeting are a draft: on screen, in the export and the download', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  const c = JSON.parse(readFileSync(join(ROOT, 'examples/alingsas-ks-2023-217/case.json'), 'utf8'));
  c.procedure.propositions = c.procedure.propositions.filter((p) => p.alternatives[0] !== 'c-tillagg');
  await page.evaluate((json) => window.amend.open(json), JSON.stringify(c));
  const notice = page.locator('.minutes .draft-notice');
  await notice.waitFor();
  assert.equal(joined(await notice.textContent()), '⚠ UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.');
  // first in the minutes, before "Förslag till beslut på sammanträdet"
  assert.equal(await page.locator('.minutes-text > :first-child').getAttribute('class'), 'note warn draft-notice');
  const minutes = await download(page, () => page.locator('#minutes-download').click());
  assert.ok(minutes.text.includes('\nUTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.\n\nFörslag till beslut'), minutes.text.slice(0, 300));
  await page.getByRole('link', { name: 'Exportera och skriv ut' }).click();
  await page.locator('.note.warn', { hasText: 'UTKAST' }).waitFor();
  // the complete case has no notice
  await page.evaluate((json) => window.amend.open(json), readFileSync(join(ROOT, 'examples/alingsas-ks-2023-217/case.json'), 'utf8'));
  await page.goto(`${app.url}#votering`);
  await page.locator('.minutes .min-sec').first().waitFor();
  assert.equal(await page.locator('.minutes .draft-notice').count(), 0);
  assert.deepEqual(errors, []);
});

test('acklamation records no finding until the secretary chooses one, and passing "Inte avgjord" with the arrow keys keeps the finding', async (t) => {
  const app = await setup(t);
  const { page, errors } = await openExample(app);
  await defaultOrder(page);
  const last = (await page.locator('.prop').count());
  // the addition against rejection: acklamation, nothing found yet
  await card(page, last).getByRole('radio', { name: 'Acklamation' }).check();
  const finding = card(page, last).locator('fieldset.finding');
  await finding.waitFor();
  assert.equal(await finding.getByRole('radio', { checked: true }).count(), 0);
  assert.doesNotMatch(await page.locator('.status-table tr[data-id=c-tillagg]').textContent(), /Antaget|Avslaget/);
  await finding.getByRole('radio', { name: 'Avslag' }).check();
  await page.locator('.status-table tr[data-id=c-tillagg]', { hasText: 'Avslaget' }).waitFor();
  // with the keyboard: from Acklamation back past "Inte avgjord" and forward again
  await card(page, last).getByRole('radio', { name: 'Acklamation' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.locator('.status-table tr[data-id=c-tillagg]', { hasText: /Ej avgjort|Inte avgjort/ }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.locator('.status-table tr[data-id=c-tillagg]', { hasText: 'Avslaget' }).waitFor();
  assert.equal(await card(page, last).locator('fieldset.finding').getByRole('radio', { name: 'Avslag' }).isChecked(), true);
  // what was put aside belongs to that case: another case's same proposition starts with nothing found
  await card(page, last).getByRole('radio', { name: 'Acklamation' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.locator('.status-table tr[data-id=c-tillagg]', { hasText: 'Ej avgjort' }).waitFor();
  await page.evaluate((json) => window.amend.open(json), readFileSync(join(ROOT, 'examples/alingsas-ks-2023-217/case.json'), 'utf8'));
  await page.locator('.vote').waitFor();
  await defaultOrder(page);
  await card(page, last).getByRole('radio', { name: 'Acklamation' }).check();
  await card(page, last).locator('fieldset.finding').waitFor();
  assert.equal(await card(page, last).locator('fieldset.finding').getByRole('radio', { checked: true }).count(), 0);
  assert.deepEqual(errors, []);
});

test('switching to the vote by its link puts the focus on the view, so the first Tab stays in it', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.locator('nav.views').getByRole('link', { name: 'Votering' }).click();
  await page.locator('.vote').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('main')?.id ?? document.activeElement?.tagName), 'main');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('.vote').contains(document.activeElement)));
  assert.deepEqual(errors, []);
});

test('a member list pasted from earlier minutes is added at once, substitutes marked, no one twice', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#sammantrade');
  await page.locator('.meeting').waitFor();
  const before = await page.locator('table.members tbody tr').count();
  await page.getByText('Lägg till en hel lista …').click();
  await page.getByLabel('Klistra in ledamöter').fill('Beslutande ledamöter\nAmanda Andersson (MP)\nDaniel Filipsson (M), ordförande\n\nTjänstgörande ersättare\nKent Lindberg (L) för Bo Berg (M)\n');
  await page.getByRole('button', { name: 'Lägg till ledamöterna' }).click();
  await page.locator('.status', { hasText: '2 av 3 ledamöter lades till' }).waitFor();
  assert.equal(await page.locator('table.members tbody tr').count(), before + 2);
  assert.equal(await page.getByLabel('Kent Lindberg är tjänstgörande ersättare').isChecked(), true);
  assert.equal(await page.getByLabel('Daniel Filipsson är tjänstgörande ersättare').isChecked(), false);
  // a line that is no member: said, nothing added
  await page.getByText('Lägg till en hel lista …').click().catch(() => {});
  const area = page.getByLabel('Klistra in ledamöter');
  if (!(await area.isVisible())) await page.getByText('Lägg till en hel lista …').click();
  await area.fill('Anna Axelsson (S)\n(S)\n');
  await page.getByRole('button', { name: 'Lägg till ledamöterna' }).click();
  assert.match(await page.locator('#members-paste-error').textContent(), /line 2: ”\(S\)” is not a member/);
  assert.equal(await page.locator('table.members tbody tr').count(), before + 2);
  assert.deepEqual(errors, []);
});
