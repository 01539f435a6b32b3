/**
 * Issue 18 §3, vote reveal: the names of who picked a direction sit under that direction's own bar,
 * inside its row, not floating between two bars. Real Chromium, browser mode; the lead's decision
 * row after three participants voted and the lead revealed; axe 0 on it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import { participant } from './participantCalls';
import { api, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

test('revealed votes: each name list lies under its own bar, within its row', async ({ page, request }) => {
  test.setTimeout(60_000);
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(request, app, 'Vote review');
  await api(request, app, 'meetings.start', { id: meeting.id });
  const withDecision = await api<Meeting>(request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Guest checkout ships in March' },
  });
  const decisionId = withDecision.agenda[0]!.decisions[0]!.id;
  await api(request, app, 'sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  const voters = [
    [await participant(request, app, meeting.id, 'Ben'), 'helps'],
    [await participant(request, app, meeting.id, 'Chloé'), 'hurts'],
    [await participant(request, app, meeting.id, 'Dev'), 'hurts'],
  ] as const;
  await api(request, app, 'votes.open', { meetingId: meeting.id, decisionId });
  for (const [voter, direction] of voters) await voter.vote(decisionId, direction);
  await api(request, app, 'votes.reveal', { meetingId: meeting.id, decisionId });

  await page.goto(app.appUrl);
  const spread = page.locator(`[data-decision-id="${decisionId}"]`).getByRole('list', { name: 'Spread of the votes' });
  await expect(spread.getByRole('listitem')).toHaveCount(5);
  const rows = await spread.getByRole('listitem').evaluateAll((items) =>
    items.map((item) => {
      const box = (selector: string) => {
        const found = item.querySelector(selector);
        if (!found) return null;
        const { left, top, bottom } = found.getBoundingClientRect();
        return { left, top, bottom };
      };
      const row = item.getBoundingClientRect();
      return { top: row.top, bottom: row.bottom, bar: box('.spread-bar'), who: box('.spread-who'), text: item.textContent };
    }),
  );
  const named = rows.filter((row) => row.who);
  expect(named.map((row) => row.text)).toEqual([expect.stringContaining('Ben'), expect.stringContaining('Chloé, Dev')]);
  for (const row of named) {
    // Under its own bar: starting where the bar starts, below it, and inside the row that holds the bar.
    expect(Math.abs(row.who!.left - row.bar!.left)).toBeLessThanOrEqual(1);
    expect(row.who!.top).toBeGreaterThanOrEqual(row.bar!.bottom - 1);
    expect(row.who!.bottom).toBeLessThanOrEqual(row.bottom + 0.5);
  }
  // Closer to its own bar than to the next row's.
  for (const [index, row] of rows.entries()) {
    const next = rows[index + 1];
    if (!row.who || !next) continue;
    expect(row.who.top - row.bar!.bottom).toBeLessThan(next.bar!.top - row.who.bottom);
  }
  const axe = await new AxeBuilder({ page })
    .include(`[data-decision-id="${decisionId}"]`)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  expect(problems).toEqual([]);
});
