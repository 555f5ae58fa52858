import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { KEYCHAIN_SERVICE } from '../../src/main/core/secrets/secret-store';
import { TEST_KEYCHAIN_SERVICE } from '../helpers/test-keychain';
import { type ServeProcess, startServeProcess } from './serve-process';

const keytar = createRequire(import.meta.url)('keytar') as {
  getPassword(s: string, a: string): Promise<string | null>;
  deletePassword(s: string, a: string): Promise<boolean>;
};

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve?.stop();
  await keytar.deletePassword(TEST_KEYCHAIN_SERVICE, 'ongoing.password').catch(() => false);
});

test('the Settings page loads and saves settings through the HTTP bridge', async ({ page }) => {
  await page.goto(serve.openUrl);
  await expect(page.getByRole('navigation')).toContainText('Inställningar');
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await expect(page.getByRole('heading', { name: 'Inställningar' })).toBeVisible();
  // The token left the address bar after it was read.
  expect(page.url()).not.toContain('token=');
  await page.getByLabel('sbmId').fill('1234');
  await page.getByRole('button', { name: 'Spara inställningar' }).first().click();
  await expect(page.getByRole('status')).toHaveText('Sparat');
  const settings = await (
    await fetch(`${serve.baseUrl}api/getSettings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    })
  ).json();
  expect(settings.value.specter.sbmId).toBe('1234');
});

test('invalid input shows the reason and changes nothing', async ({ page }) => {
  await page.goto(serve.openUrl);
  await page.getByRole('button', { name: 'Inställningar' }).click();
  const before = await callApi('getSettings', {});
  await page.getByLabel('sbmId').fill('12a');
  // The reason is on the field, in the UI language; saving waits until the field is valid.
  await expect(page.getByLabel('sbmId')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-specter.sbmId')).toHaveText('Bara siffror, t.ex. 12.');
  await expect(page.getByRole('button', { name: 'Spara inställningar' }).first()).toBeDisabled();
  expect((await callApi('getSettings', {})).specter.sbmId).toBe(before.specter.sbmId);
});

test('a secret saved in the UI goes to the keychain and is shown only as "stored"', async ({ page }) => {
  await page.goto(serve.openUrl);
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await expect(page.getByTestId('secret-state-ongoing.password')).toHaveText('Ej sparad');
  await page.getByLabel('ongoing.password').fill('e2e-Lösenord-9');
  await page.getByRole('button', { name: 'Spara i nyckelringen' }).nth(1).click();
  await expect(page.getByTestId('secret-state-ongoing.password')).toHaveText('Sparad');
  await expect(page.getByLabel('ongoing.password')).toHaveValue('');
  expect(await page.content()).not.toContain('e2e-Lösenord-9');
  expect(serve.output()).not.toContain('e2e-Lösenord-9');
  // Stored under the test service; the app's own service is never written by a test.
  expect(await keytar.getPassword(TEST_KEYCHAIN_SERVICE, 'ongoing.password')).toBe('e2e-Lösenord-9');
  expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'ongoing.password')).toBeNull();
});

test('the language can be switched to English', async ({ page }) => {
  await page.goto(serve.openUrl);
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await page.getByLabel('language').selectOption('en');
  await page.getByRole('button', { name: 'Spara inställningar' }).first().click();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Deliveries' })).toBeVisible();
});

async function callApi(method: string, input: unknown) {
  const res = await fetch(`${serve.baseUrl}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()).value;
}

test('the sync rules form is on the Settings page and saves a rule', async ({ page }) => {
  // Swedish labels, whatever an earlier test chose.
  await callApi('updateSettings', { patch: { language: 'sv' } });
  await page.goto(serve.openUrl);
  await page.getByRole('button', { name: 'Inställningar' }).click();
  const rules = page.getByRole('form', { name: 'Synkronisering' });
  await expect(rules).toBeVisible();
  await expect(rules.getByLabel('interval orders')).toHaveValue('60');
  const autoConfirm = rules.getByLabel('Bekräfta leveranser automatiskt');
  await expect(autoConfirm).not.toBeChecked();
  await autoConfirm.check();
  await rules.getByLabel('interval orders').fill('120');
  await rules.getByRole('button', { name: 'Spara inställningar' }).click();
  await expect(page.getByRole('status')).toHaveText('Sparat');
  const settings = await callApi('getSettings', {});
  expect(settings.sync.autoConfirm.deliveries).toBe(true);
  expect(settings.sync.intervals.orders).toBe(120);
  await page.reload();
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await expect(
    page.getByRole('form', { name: 'Synkronisering' }).getByLabel('Bekräfta leveranser automatiskt'),
  ).toBeChecked();
});
