/**
 * Issue 19 §4 in real Chromium: the dashboard shows evidence coverage (per week and per meeting) and
 * the accounts most affected, from a meeting whose decisions cite customer evidence; axe finds nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import type { Citation, Persona } from '../../shared/domain';
import { buildMeeting } from '../../scripts/bench/meetingBuilder';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

const cite = (key: string, account: string, arr: number): Citation => ({
  by: 'Ana',
  at: '2025-01-01T00:00:00.000Z',
  sourceId: 'tickets',
  key,
  quote: `The invoice confused us (${key})`,
  customer: account,
  sourceName: 'Support tickets',
  date: '2024-12-20',
  account: { name: account, segment: 'Mid-market', arr, currency: 'USD' },
});

test('the dashboard shows evidence coverage and the accounts most affected, and passes axe', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  const persona = await api<Persona>(page.request, app, 'personas.create', { name: 'Priya' });
  const meeting = buildMeeting(0, persona.id);
  const decisions = meeting.agenda.flatMap((item) => item.decisions);
  decisions[0]!.citations = [cite('t-1', 'Acme Corp', 120_000)];
  decisions[1]!.citations = [cite('t-2', 'Acme Corp', 120_000), cite('t-3', 'Beta GmbH', 30_000)];
  await api(page.request, app, 'meetings.import', { meeting });

  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  const card = page.getByRole('region', { name: 'Evidence coverage' });
  await expect(card).toContainText('2 of 20 decisions cite customer evidence (10%)');
  const perMeeting = card.getByRole('table', { name: 'Per meeting, newest first' });
  await expect(perMeeting.getByRole('row', { name: /Pricing page review #1/ })).toContainText('10%');
  const accounts = card.getByRole('table', { name: 'Accounts most affected' });
  await expect(accounts.getByRole('row')).toHaveCount(3); // the head and two accounts, most cited first
  await expect(accounts.getByRole('row').nth(1)).toContainText('Acme Corp');
  await expect(accounts.getByRole('row').nth(1)).toContainText('$120,000');
  await expect(card).toContainText('$150,000 ARR');

  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(problems).toEqual([]);
});
