import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';

test('the example opens', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.locator('h1').first().waitFor();
  assert.match(await page.locator('h1').first().textContent(), /ekonomisk handlingsplan/);
  assert.deepEqual(errors, []);
});
