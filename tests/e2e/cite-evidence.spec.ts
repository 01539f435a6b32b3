/**
 * Citing customer evidence (issue 19 §3), in Chromium against browser mode, with the keyboard only:
 * a meeting with an imported evidence source and accounts; from the chair, a quote is cited on the
 * answer and on a decision; the decision shows the quote with its customer, source and date, and
 * the accounts it touches with their ARR; Un-cite takes it back; a deleted source reads "(source
 * removed)" and the citation stays; un-cited then, Undo brings that very copy back. axe finds nothing on the chair or the item with citations in it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import { answerBox, api, chair, meetingOf, seedMeeting, watchForProblems } from './runnerHelpers';
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

/** Presses Tab until the focused element is the one named, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, most = 40): Promise<void> {
  for (let presses = 0; presses < most; presses++) {
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? `${element.getAttribute('aria-label') ?? ''}|${element.textContent ?? ''}` : '';
    });
    if (name.test(focused)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('cite a customer quote on the answer and on a decision with the keyboard, see the accounts and ARR, un-cite, undo', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(page.request, app, 'Cite evidence');
  const itemId = meeting.agenda[0]!.id;
  await api(page.request, app, 'evidence.importAccounts', {
    input: { kind: 'text', fileName: 'accounts.csv', text: 'id,name,segment,arr,currency\nA1,Acme,Enterprise,300000,USD\n' },
  });
  const tickets = [
    'subject,description,requester,account,created_at',
    `Checkout as guest,"Forcing an account at checkout lost us the order",Zoë,A1,${daysAgo(3)}`,
    `Dark mode,"Please add a dark theme",Kim,,${daysAgo(40)}`,
  ].join('\n');
  const started = await api<{ jobId: string; sourceId: string }>(page.request, app, 'evidence.import', {
    source: { name: 'Help desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'tickets.csv', text: tickets },
  });
  await expect
    .poll(async () => (await api<{ state: string }>(page.request, app, 'evidence.importStatus', { jobId: started.jobId })).state)
    .toBe('done');
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  await api(page.request, app, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'Offer guest checkout' } });

  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  const evidence = chair(page).getByRole('region', { name: 'What customers said' });
  await expect(evidence.locator('.evidence-quote')).toHaveCount(1);

  // Keyboard only: from the answer, Tab to "Cite…", open it, pick the answer.
  await answerBox(page).focus();
  await tabTo(page, /^\|Cite…$/);
  await expect(page.locator(':focus')).toHaveAttribute('aria-expanded', 'false');
  // Closed, the targets are not shown (CSS display must not override the hidden attribute).
  await expect(chair(page).getByRole('list', { name: 'Cite this quote on', includeHidden: true })).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('On the answer');
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName('Un-cite from the answer');
  const answerCitations = chair(page).getByRole('list', { name: 'Customer evidence cited on the answer' });
  await expect(answerCitations).toContainText('Forcing an account at checkout lost us the order');
  await expect(answerCitations).toContainText('Help desk');

  // Then on the decision: Tab on to "Cite…" again, open, Tab to the decision.
  await tabTo(page, /^\|Cite…$/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('On “Offer guest checkout”');
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName('Un-cite from “Offer guest checkout”');

  const decision = page.locator('main [data-decision-id]').first();
  const cited = decision.getByRole('list', { name: 'Customer evidence cited on this decision' });
  await expect(cited).toContainText('Forcing an account at checkout lost us the order');
  await expect(cited).toContainText('Zoë, Acme');
  await expect(cited).toContainText('Help desk');
  await expect(cited.locator('time')).toHaveAttribute('datetime', daysAgo(3));
  await expect(decision.locator('.decision-accounts')).toHaveText('Touches 1 account (Acme) — $300,000 ARR');
  const stored = (await meetingOf(page.request, app, meeting.id)).agenda[0]!;
  expect(stored.citations).toHaveLength(1);
  expect(stored.decisions[0]!.citations[0]).toMatchObject({ customer: 'Zoë', sourceName: 'Help desk', by: 'Ana' });
  expect(await axeViolations(page)).toEqual([]);

  // Un-cite from the decision, with the keyboard.
  await cited.getByRole('button', { name: 'Un-cite' }).focus();
  await page.keyboard.press('Enter');
  await expect(decision.locator('.decision-citations')).toHaveCount(0);
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).agenda[0]!.decisions[0]!.citations).toEqual([]);

  // The source is deleted: the answer's citation stays whole and says so.
  await api(page.request, app, 'evidence.deleteSource', { id: started.sourceId });
  await page.reload();
  await expect(chair(page).getByRole('list', { name: 'Customer evidence cited on the answer' })).toContainText(
    'Help desk (source removed)',
  );
  const after: Meeting = await meetingOf(page.request, app, meeting.id);
  expect(after.agenda[0]!.citations[0]!.quote).toBe('Checkout as guest\n\nForcing an account at checkout lost us the order');
  expect(await axeViolations(page)).toEqual([]);

  // Un-cite it now, when this copy is the only one left, then Undo: the very same copy comes back.
  const answerList = chair(page).getByRole('list', { name: 'Customer evidence cited on the answer' });
  await answerList.getByRole('button', { name: 'Un-cite' }).focus();
  await page.keyboard.press('Enter');
  await expect(answerList).toHaveCount(0);
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).agenda[0]!.citations).toEqual([]);
  const toast = page.locator('.toast');
  await expect(toast).toContainText('Un-cited “Checkout as guest');
  expect(await axeViolations(page)).toEqual([]);
  await toast.getByRole('button', { name: 'Undo' }).focus();
  await page.keyboard.press('Enter');
  await expect(answerList).toContainText('Help desk (source removed)');
  expect((await meetingOf(page.request, app, meeting.id)).agenda[0]!.citations).toEqual(after.agenda[0]!.citations);
  expect(await axeViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
