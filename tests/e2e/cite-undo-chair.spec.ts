/**
 * The chair's own "Un-cite from …" (next to a quote under "What customers said") offers the same
 * Undo as the answer's and the decisions' lists: the toast's Undo puts the very same copy back, in
 * its place. In Chromium against browser mode, keyboard only; axe finds nothing on the chair.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { answerBox, api, chair, meetingOf, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

async function axeChair(page: Page) {
  const result = await new AxeBuilder({ page })
    .include('aside.chair-panel')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('Un-cite from the chair’s quote offers Undo, which puts the same citation back where it was', async ({ page, request }) => {
  test.setTimeout(90_000);
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(request, app, 'Un-cite from the chair');
  const itemId = meeting.agenda[0]!.id;
  const tickets = [
    'subject,description,requester,created_at',
    'Checkout as guest,"Forcing an account at checkout lost us the order",Zoë,2026-11-20',
  ].join('\n');
  const started = await api<{ jobId: string }>(request, app, 'evidence.import', {
    source: { name: 'Help desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'tickets.csv', text: tickets },
  });
  await expect
    .poll(async () => (await api<{ state: string }>(request, app!, 'evidence.importStatus', { jobId: started.jobId })).state)
    .toBe('done');
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'Offer guest checkout' } });

  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  await expect(answerBox(page)).toBeVisible();
  const evidence = chair(page).getByRole('region', { name: 'What customers said' });
  await expect(evidence.locator('.evidence-quote')).toHaveCount(1);
  // Cite it on the answer and on the decision, with the keyboard.
  for (const [done, target] of ['On the answer', 'On “Offer guest checkout”'].entries()) {
    await evidence.getByRole('button', { name: 'Cite…' }).focus();
    await page.keyboard.press('Enter');
    await evidence.getByRole('button', { name: target }).focus();
    await page.keyboard.press('Enter');
    // Cited (and the list closed again, while there is somewhere left to cite) before the next one.
    await expect(evidence.getByRole('button', { name: /^Un-cite from/ })).toHaveCount(done + 1);
    if (done === 0) await expect(evidence.getByRole('button', { name: 'Cite…' })).toHaveAttribute('aria-expanded', 'false');
  }
  await expect(evidence.getByRole('button', { name: /^Un-cite from/ })).toHaveCount(2);
  const cited = (await meetingOf(request, app, meeting.id)).agenda[0]!;
  expect(cited.citations).toHaveLength(1);
  expect(cited.decisions[0]!.citations).toHaveLength(1);

  const toast = page.locator('.toast');
  for (const [from, stored] of [
    ['the answer', () => meetingOf(request, app!, meeting.id).then((m) => m.agenda[0]!.citations)],
    ['“Offer guest checkout”', () => meetingOf(request, app!, meeting.id).then((m) => m.agenda[0]!.decisions[0]!.citations)],
  ] as const) {
    const before = await stored();
    await evidence.getByRole('button', { name: `Un-cite from ${from}` }).focus();
    await page.keyboard.press('Enter');
    await expect(evidence.getByRole('button', { name: `Un-cite from ${from}` })).toHaveCount(0);
    await expect.poll(stored).toEqual([]);
    // Focus stays in the control (on "Cite…"), not on the page's body.
    await expect(page.locator(':focus')).toHaveText('Cite…');
    await expect(toast).toContainText('Un-cited “Checkout as guest');
    await axeChair(page);
    await toast.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect(evidence.getByRole('button', { name: `Un-cite from ${from}` })).toBeVisible();
    // The very same copy (who cited it, when), not a new citation.
    expect(await stored()).toEqual(before);
  }
  await axeChair(page);
  expect(problems).toEqual([]);
});
