/**
 * Customer evidence in the chair (issue 19), in Chromium against browser mode: with none, one line
 * says how to add some; after an import (through the real HTTP API), the chair shows the top quotes
 * for the current item with matched words marked as text, the scale line, and follows the answer
 * as it is typed. axe finds nothing on the chair with evidence in it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { answerBox, api, chair, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.beforeAll(async () => {
  app = await startWebApp(tempDataDir());
});
test.afterAll(async () => {
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test('the chair speaks: ranked customer evidence for the current item, refreshed as the answer is typed', async ({ page }) => {
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(page.request, app, 'Evidence review');
  const evidence = () => chair(page).getByRole('region', { name: 'What customers said' });

  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  await expect(evidence()).toContainText('No customer evidence yet. Import customer evidence: tickets, survey answers or reviews.');
  await expect(evidence().getByRole('link', { name: 'Import customer evidence' })).toHaveAttribute('href', '#/evidence');

  await api(page.request, app, 'evidence.importAccounts', {
    input: {
      kind: 'text',
      fileName: 'accounts.csv',
      text: 'id,name,domain,segment,arr,currency\nA1,Acme,acme.com,Enterprise,300000,USD\nG2,Globex,globex.io,SMB,110000,USD\n',
    },
  });
  const tickets = [
    'subject,description,requester,account,priority,satisfaction,created_at',
    `Checkout as guest,"Forcing an account at checkout lost us the order",Zoë,A1,high,1,${daysAgo(3)}`,
    `Guest checkout,"<img src=x onerror=alert(1)> guests cannot check out on mobile",Sam,G2,high,2,${daysAgo(10)}`,
    `Refund,"The refund took three weeks",Lee,G2,low,2,${daysAgo(20)}`,
    `Dark mode,"Please add a dark theme",Kim,,low,5,${daysAgo(40)}`,
  ].join('\n');
  const started = await api<{ jobId: string }>(page.request, app, 'evidence.import', {
    source: { name: 'Help desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'tickets.csv', text: tickets },
  });
  await expect
    .poll(async () => (await api<{ state: string }>(page.request, app, 'evidence.importStatus', { jobId: started.jobId })).state)
    .toBe('done');

  await page.reload();
  await expect(evidence().locator('.evidence-quote')).toHaveCount(2);
  await expect(evidence().locator('.chair-evidence-scale')).toHaveText(
    '2 items from 2 accounts mention this (last 90 days) — $410,000 ARR',
  );
  const first = evidence().locator('.evidence-quote').first();
  await expect(first.locator('mark').first()).toHaveText(/checkout/i);
  // Hostile text is shown as text: no element was made of it.
  await expect(evidence().getByText('<img src=x onerror=alert(1)> guests cannot check out on mobile', { exact: false })).toBeVisible();
  await expect(evidence().locator('blockquote img')).toHaveCount(0);
  await expect(evidence()).toContainText('Help desk');

  // The answer as it is typed joins the query: refunds come up.
  await answerBox(page).click();
  await page.keyboard.type('Slow refunds anger guests');
  await expect(
    evidence()
      .locator('mark', { hasText: /refund/i })
      .first(),
  ).toBeVisible();

  const axe = await new AxeBuilder({ page })
    .include('aside[aria-label="Empty chair"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(problems).toEqual([]);
});
