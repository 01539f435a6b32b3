/**
 * Issue 18 §3 in Chromium: the summary screen credits the lead who answered and the participant
 * whose proposal the lead took into the answer (a dismissed proposer is not named); axe finds
 * nothing in the chair's answers.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openFixtureSummary } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.afterEach(async () => {
  await app?.stop();
});

test('the summary credits the answer’s author and the proposer taken in', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  await openFixtureSummary(page, request, app);
  const answers = page.getByRole('list', { name: 'The chair’s answers by agenda item' });
  const first = answers.getByRole('listitem').filter({ hasText: 'New tiers' });
  await expect(first.locator('.sum-credit')).toHaveText(/^By Ana, .+; with the proposals of Chloé \(.+\)$/);
  await expect(first.locator('.sum-credit')).not.toContainText('Ben');
  await expect(first.locator('.sum-credit time')).toHaveCount(2);
  const axe = await new AxeBuilder({ page }).include('.sum-answers').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);
});
