import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

async function apiCall(page: Page, webApp: WebApp, method: string, input: unknown = {}) {
  const response = await page.request.post(`${webApp.origin}/api/${method}`, {
    headers: { authorization: `Bearer ${webApp.token}` },
    data: input,
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { value: unknown }).value;
}

test('a meeting with three agenda items and a persona survives a restart unchanged', async ({ page }) => {
  const dataDir = tempDataDir();
  app = await startWebApp(dataDir);
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  // The token leaves the address bar at once.
  await expect(page.getByRole('heading', { level: 1, name: 'No meetings yet' })).toBeVisible();
  expect(page.url()).not.toContain('token');

  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Checkout redesign review');
  await page.getByLabel('Scheduled start').fill('2026-11-24T09:30');
  await page.getByLabel('Lead', { exact: true }).fill('Ana');
  await page.getByLabel('Participants').fill('Ben\nChloé\nDev');
  await page.getByLabel('Persona name').fill('First-time buyer');
  await page.getByLabel('Segment').fill('Consumer, mobile');
  await page.getByLabel('Needs').fill('Pay without an account\nSee the total early');
  await page.getByLabel('Quotes').fill('Why do you need my phone number?');
  await page.getByRole('button', { name: 'Add persona' }).click();
  await expect(page.getByRole('checkbox', { name: 'First-time buyer' })).toBeChecked();

  const items = [
    { title: 'Guest checkout', owner: 'Ben', minutes: '20', notes: 'Numbers from the last test' },
    { title: 'Address autocomplete', owner: 'Chloé', minutes: '15', notes: '' },
    { title: 'Error messages', owner: '', minutes: '5', notes: 'Copy review <i>with</i> support' },
  ];
  for (const [index, item] of items.entries()) {
    const n = index + 1;
    await page.getByRole('button', { name: 'Add agenda item' }).click();
    await page.getByLabel(`Item ${n} title`).fill(item.title);
    await page.getByLabel(`Item ${n} owner`).fill(item.owner);
    await page.getByLabel(`Item ${n} timebox (minutes)`).fill(item.minutes);
    await page.getByLabel(`Item ${n} notes`).fill(item.notes);
  }
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout redesign review' })).toBeVisible();

  const library = (await apiCall(page, app, 'library.get')) as { meetings: { id: string }[] };
  expect(library.meetings).toHaveLength(1);
  const id = library.meetings[0]!.id;
  const before = await apiCall(page, app, 'meetings.get', { id });
  expect(before).toMatchObject({
    title: 'Checkout redesign review',
    scheduledAt: await page.evaluate(() => new Date('2026-11-24T09:30').toISOString()),
    lead: 'Ana',
    participants: ['Ben', 'Chloé', 'Dev'],
    agenda: items.map((item) => ({ title: item.title, owner: item.owner, timeboxMinutes: Number(item.minutes), notes: item.notes })),
  });

  // Stop the server as a user would (Ctrl+C) and start it again on the same folder.
  expect(await app.stop()).toBe(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection' })).toBeVisible();
  app = await startWebApp(dataDir);
  await page.goto(app.appUrl);

  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Checkout redesign review' });
  await expect(row).toContainText('Ana');
  await expect(row).toContainText('3 items');
  await expect(row).toContainText('First-time buyer');
  await row.getByRole('link', { name: 'Checkout redesign review' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Checkout redesign review' })).toBeVisible();
  const agenda = page.locator('.agenda-list > li');
  await expect(agenda).toHaveCount(3);
  for (const [index, item] of items.entries()) {
    await expect(agenda.nth(index)).toContainText(item.title);
    await expect(agenda.nth(index)).toContainText(`${item.minutes} min`);
    if (item.owner) await expect(agenda.nth(index)).toContainText(`Owner: ${item.owner}`);
    if (item.notes) await expect(agenda.nth(index).locator('.agenda-item-notes')).toHaveText(item.notes);
  }
  await expect(page.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveText(['Ben', 'Chloé', 'Dev']);
  await expect(page.getByText('First-time buyer')).toBeVisible();
  await expect(page.getByText('Why do you need my phone number?')).toBeVisible();

  // The editor shows the same values after the restart.
  await page.getByRole('button', { name: 'Edit meeting' }).click();
  await expect(page.getByLabel('Scheduled start')).toHaveValue('2026-11-24T09:30');
  await expect(page.getByLabel('Item 3 notes')).toHaveValue('Copy review <i>with</i> support');
  await expect(page.getByRole('checkbox', { name: 'First-time buyer' })).toBeChecked();

  expect(await apiCall(page, app, 'meetings.get', { id })).toEqual(before);
  expect(problems).toEqual([]);
});

test('without the token the page says to open the printed link, and the API answers 401', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await page.goto(`${app.origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Open the link Empty Chair printed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New meeting' })).toHaveCount(0);

  const bare = await page.request.post(`${app.origin}/api/library.get`, { data: {} });
  expect(bare.status()).toBe(401);
  expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  const wrong = await page.request.post(`${app.origin}/api/library.get`, { data: {}, headers: { authorization: 'Bearer nope' } });
  expect(wrong.status()).toBe(401);
});

test('a token that is no longer valid (an old link) also leads back to the printed link', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await page.goto(`${app.origin}/#token=from-an-earlier-start`);
  await expect(page.getByRole('heading', { level: 1, name: 'Open the link Empty Chair printed' })).toBeVisible();
  await expect(page.getByText(/no longer valid/)).toBeVisible();
});

test('deleting a meeting asks first; Cancel keeps it, Delete removes it', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await page.goto(app.appUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'No meetings yet' })).toBeVisible();
  await apiCall(page, app, 'meetings.create', { title: 'Short-lived', scheduledAt: '2026-05-01T08:00:00Z', agenda: [{ title: 'One' }] });
  await page.getByRole('link', { name: 'Short-lived' }).click();

  // Delete sits apart from the everyday buttons, behind "More actions", and still asks first.
  const deleteButton = page.getByRole('button', { name: 'Delete meeting' });
  await expect(deleteButton).toHaveCount(0);
  const more = page.getByRole('button', { name: /More actions/ });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  const header = await page.locator('.screen-actions').boundingBox();
  const panel = await page.locator('.more-actions-panel').boundingBox();
  expect(panel!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
  const axe = await new AxeBuilder({ page }).include('.screen-header').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Short-lived”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Focus is trapped: Tab cycles between the two buttons, and the page behind cannot be clicked.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(deleteButton).toBeFocused();
  expect(((await apiCall(page, app, 'library.get')) as { meetings: unknown[] }).meetings).toHaveLength(1);

  await deleteButton.click();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'No meetings yet' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Meeting deleted' })).toBeVisible();
  expect(((await apiCall(page, app, 'library.get')) as { meetings: unknown[] }).meetings).toHaveLength(0);
});

test('a meeting can be created with the keyboard alone', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await page.goto(app.appUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'No meetings yet' })).toBeVisible();

  /** Presses Tab until the focused element has this accessible name; proves it is reachable by Tab. */
  const tabTo = async (name: string) => {
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return (
          element?.getAttribute('aria-label') ??
          (element as HTMLInputElement | null)?.labels?.[0]?.textContent ??
          element?.textContent ??
          ''
        );
      });
      if (focused.trim() === name) return;
    }
    throw new Error(`Tab never reached "${name}"`);
  };

  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: 'New meeting' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Title', { exact: true })).toBeFocused();
  await page.keyboard.type('Typed with keys');
  await tabTo('Lead');
  await page.keyboard.type('Kim');
  await tabTo('Add agenda item');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Item 1 title')).toBeFocused();
  await page.keyboard.type('Only item');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Lee');
  await page.keyboard.press('Control+s');

  await expect(page.getByRole('heading', { level: 1, name: 'Typed with keys' })).toBeFocused();
  await expect(page.locator('.agenda-list')).toContainText('Owner: Lee');
  await tabTo('Back to meetings');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Typed with keys' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Typed with keys' });
  await expect(row).toContainText('Kim');
  await expect(row).toContainText('1 item');
});

test('list, editor and detail have no detectable accessibility violations, in light and dark', async ({ page }) => {
  test.slow(); // six full-page axe runs: CPU-bound, and slow on a busy 2-core machine
  app = await startWebApp(tempDataDir());
  await page.goto(app.appUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'No meetings yet' })).toBeVisible();
  await apiCall(page, app, 'personas.create', {
    name: 'Ops lead',
    segment: 'Enterprise',
    needs: ['Audit log'],
    quotes: ['Show me who changed it.'],
  });
  const personas = ((await apiCall(page, app, 'library.get')) as { personas: { id: string }[] }).personas;
  await apiCall(page, app, 'meetings.create', {
    title: 'Quarterly roadmap',
    scheduledAt: '2026-06-01T13:00:00Z',
    lead: 'Ana',
    participants: ['Ben'],
    personaIds: [personas[0]!.id],
    agenda: [{ title: 'Themes', owner: 'Ana', timeboxMinutes: 30, notes: 'Bring data' }],
  });

  const check = async (what: string) => {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  for (const theme of ['Light', 'Dark']) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await page
      .getByRole('button', { name: 'Back to meetings' })
      .or(page.getByRole('heading', { name: 'Meetings' }))
      .first()
      .click();
    await expect(page.getByRole('link', { name: 'Quarterly roadmap' })).toBeVisible();
    await check(`${theme} list`);
    await page.getByRole('link', { name: 'Quarterly roadmap' }).click();
    await expect(page.getByRole('button', { name: 'Edit meeting' })).toBeVisible();
    await check(`${theme} detail`);
    await page.getByRole('button', { name: 'Edit meeting' }).click();
    await page.getByRole('button', { name: 'Add agenda item' }).click();
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await expect(page.getByLabel('Item 2 title')).toHaveAttribute('aria-invalid', 'true');
    await check(`${theme} editor with errors`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();
  }
});
