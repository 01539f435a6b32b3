/**
 * The decision ledger and the dashboard in real Chromium against browser mode: search and filters
 * narrow the results, the search lives in the URL (Back returns to it), a result opens its meeting
 * scrolled to the decision with focus on it; both screens pass axe in the light and dark themes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

interface Seeded {
  running: Meeting;
  ended: Meeting;
}

/** An ended meeting in January and a running one in March with twelve items, decisions on the last. */
async function seed(page: Page, webApp: WebApp): Promise<Seeded> {
  const call = <T>(method: string, input: unknown) => api<T>(page.request, webApp, method, input);
  const buyer = await call<Persona>('personas.create', { name: 'First-time buyer' });
  const admin = await call<Persona>('personas.create', { name: 'IT admin' });
  const pricing = await call<Tag>('tags.create', { label: 'pricing' });
  let ended = await call<Meeting>('meetings.create', {
    title: 'January review',
    scheduledAt: '2026-01-12T10:00:00.000Z',
    personaIds: [buyer.id],
    agenda: [{ title: 'Refund policy' }, { title: 'Onboarding emails' }],
  });
  await call('meetings.start', { id: ended.id });
  await call('decisions.add', {
    meetingId: ended.id,
    itemId: ended.agenda[0]!.id,
    decision: { text: 'Refunds within 30 days without questions', owner: 'Ana', direction: 'helps', tagIds: [pricing.id] },
  });
  await call('decisions.add', {
    meetingId: ended.id,
    itemId: ended.agenda[1]!.id,
    decision: { text: 'Send fewer onboarding emails', owner: 'Ben', direction: 'mixed' },
  });
  ended = await call<Meeting>('meetings.end', { id: ended.id, skip: true });

  let running = await call<Meeting>('meetings.create', {
    title: 'March planning',
    scheduledAt: '2026-03-09T10:00:00.000Z',
    personaIds: [admin.id],
    agenda: Array.from({ length: 12 }, (_, n) => ({ title: `Topic ${n + 1}` })),
  });
  await call('meetings.start', { id: running.id });
  const last = running.agenda.at(-1)!.id;
  for (let n = 1; n <= 8; n++)
    await call('decisions.add', {
      meetingId: running.id,
      itemId: running.agenda[n - 1]!.id,
      decision: { text: `Filler decision ${n}`, direction: 'neutral' },
    });
  await call('decisions.add', {
    meetingId: running.id,
    itemId: last,
    decision: { text: 'Raise the price of the team plan', owner: 'Chloé', direction: 'hurts', tagIds: [pricing.id] },
  });
  running = await call<Meeting>('meetings.get', { id: running.id });
  return { running, ended };
}

const results = (page: Page) => page.getByRole('list', { name: 'Decisions found' }).locator('.ledger-link');

test('search and filters narrow the ledger; a result opens its meeting at the decision; Back returns to the search', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  const seeded = await seed(page, app);
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Decision ledger' })).toBeFocused();
  await expect(results(page)).toHaveCount(11);
  await expect(page.getByText('11 decisions', { exact: true })).toBeVisible();

  // As you type: no button to press.
  await page.getByRole('searchbox', { name: 'Search decisions' }).pressSequentially('price team');
  await expect(results(page)).toHaveText(['Raise the price of the team plan']);
  await expect(page.getByRole('searchbox', { name: 'Search decisions' })).toBeFocused();
  await expect(page).toHaveURL(/#\/ledger\?q=price\+team$/);

  await page.getByRole('searchbox', { name: 'Search decisions' }).fill('');
  await page.getByRole('checkbox', { name: 'Helps' }).check();
  await expect(results(page)).toHaveText(['Refunds within 30 days without questions']);
  await page.getByRole('checkbox', { name: 'Hurts' }).check();
  await expect(results(page)).toHaveText(['Raise the price of the team plan', 'Refunds within 30 days without questions']);
  await page.getByLabel('Persona').selectOption({ label: 'IT admin' });
  await expect(results(page)).toHaveText(['Raise the price of the team plan']);
  await page.getByLabel('Persona').selectOption({ label: 'Any persona' });
  await page.getByText('Tags: any').click();
  await page.getByRole('checkbox', { name: 'pricing' }).check();
  await page.getByRole('textbox', { name: 'Owner' }).fill('chlo');
  await expect(results(page)).toHaveText(['Raise the price of the team plan']);
  await page.getByLabel('Meetings from').fill('2026-04-01');
  await expect(page.getByText('No decision matches this search.')).toBeVisible();
  await page.getByLabel('Meetings from').fill('2026-03-01');
  await expect(results(page)).toHaveText(['Raise the price of the team plan']);
  const searchUrl = page.url();
  expect(searchUrl).toContain('dir=helps&dir=hurts');
  expect(searchUrl).toContain('owner=chlo');

  // Open the result with the keyboard: the meeting shows the decision, scrolled to and focused.
  await results(page).first().focus();
  await page.keyboard.press('Enter');
  const decisionId = seeded.running.agenda.at(-1)!.decisions[0]!.id;
  await expect(page).toHaveURL(new RegExp(`#/meetings/${seeded.running.id}\\?decision=${decisionId}$`));
  const row = page.locator(`[data-decision-id="${decisionId}"]`);
  await expect(row).toBeFocused();
  await expect(row).toBeInViewport();
  await expect(row).toHaveClass(/opened-target/);
  await expect(page.getByRole('tab', { name: /Decisions/ })).toHaveAttribute('aria-selected', 'true');

  // Back: the same search, the same results.
  await page.goBack();
  await expect(page).toHaveURL(searchUrl);
  await expect(page.getByRole('textbox', { name: 'Owner' })).toHaveValue('chlo');
  await expect(page.getByRole('checkbox', { name: 'Hurts' })).toBeChecked();
  await expect(results(page)).toHaveText(['Raise the price of the team plan']);

  expect(problems).toEqual([]);
});

test('a shared ledger link opens with its search; an ended meeting opens at the decision', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  const seeded = await seed(page, app);
  // The token travels in the fragment: open the app, then the ledger URL in the same tab.
  await page.goto(app.appUrl);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.evaluate(() => {
    window.location.hash = '#/ledger?q=onboarding&dir=mixed';
  });
  await expect(results(page)).toHaveText(['Send fewer onboarding emails']);
  await expect(page.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('onboarding');
  await results(page).first().click();
  const decisionId = seeded.ended.agenda[1]!.decisions[0]!.id;
  await expect(page.locator(`[data-decision-id="${decisionId}"]`)).toBeFocused();
});

test('the ledger and the dashboard pass axe in both themes, and the dashboard draws its charts', async ({ page }) => {
  test.slow(); // four full-page axe runs: CPU-bound, and slow on a busy 2-core machine
  app = await startWebApp(tempDataDir());
  await seed(page, app);
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  const check = async (what: string) => {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  for (const theme of ['Light', 'Dark']) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
    await expect(results(page)).toHaveCount(11);
    await check(`ledger (${theme})`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('img', { name: /chair coverage per week/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /decisions per week by impact direction/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /decisions by tag by impact direction/ })).toContainText('2');
    await check(`dashboard (${theme})`);
  }
  expect(problems).toEqual([]);
});
