import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting, Persona } from '../../shared/domain';
import { answerBox, api, chair, meetingOf, saved, seedMeeting, tagsOf, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

// One server per worker for this file: every test makes its own meeting, so they do not meet.
let app: WebApp;
test.beforeAll(async () => {
  app = await startWebApp(tempDataDir());
});
test.afterAll(async () => {
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

const heading = (page: Page) => page.locator('.item-view .item-title');

async function openMeeting(page: Page, id: string) {
  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/meetings/${id}`);
  await expect(chair(page)).toBeVisible();
}

/** Presses Tab until the focused element has this accessible name (proves it is reachable by Tab). */
async function tabTo(page: Page, name: string) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return (
        element?.getAttribute('aria-label') ??
        (element as HTMLInputElement | null)?.labels?.[0]?.textContent ??
        element?.textContent ??
        ''
      ).trim();
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('a three-item meeting run with the mouse: answers, a decision, a skip, no impact, end', async ({ page }) => {
  const problems = watchForProblems(page);
  const { meeting, personas } = await seedMeeting(page.request, app, 'Mouse-driven review');
  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Mouse-driven review' }).click();
  await expect(chair(page).getByText('How does this affect the customer?', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Start meeting' }).click();

  // Item 1: notes, the chair's answer, a decision.
  await expect(heading(page)).toHaveText('Guest checkout');
  await expect(page.getByText('Item 1 of 3', { exact: true })).toBeVisible();
  await expect(page.getByRole('timer')).toContainText('of 20:00');
  await page.getByRole('textbox', { name: 'Notes' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Drop-off at step 2.');
  await answerBox(page).click();
  await page.keyboard.type('Buyers finish without an account: fewer drop-outs.');
  await chair(page).getByText('Helps', { exact: true }).click();
  await chair(page).getByText('2 medium').click();
  await chair(page).getByRole('checkbox', { name: 'First-time buyer' }).check();
  await expect(chair(page).getByText('✓ Answered')).toBeVisible();
  await page.getByRole('button', { name: 'Log decision' }).click();
  await page.getByRole('textbox', { name: 'Decision' }).fill('Ship guest checkout to 10% of traffic');
  await page.getByRole('combobox', { name: 'Owner' }).fill('Ben');
  // The decision starts from the chair's direction for the item.
  await expect(page.getByRole('group', { name: 'Customer impact' }).getByRole('radio', { name: 'Helps' })).toBeChecked();
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expect(page.locator('.decision-text')).toHaveText('Ship guest checkout to 10% of traffic');
  await saved(page);
  await page.getByRole('button', { name: 'Next item' }).click();

  // Item 2: no answer, so the gate asks; skip it on purpose.
  await expect(heading(page)).toHaveText('Address autocomplete');
  await page.getByRole('button', { name: 'Next item' }).click();
  const gate = page.getByRole('dialog', { name: 'The chair has no answer yet' });
  await gate.getByRole('button', { name: 'Skip on purpose' }).click();
  await expect(gate).toHaveCount(0);
  await expect(page.getByText('1 skipped')).toBeVisible();

  // Item 3: marked "No customer impact" from the chair, then back to item 2 and forward again.
  await expect(heading(page)).toHaveText('Error messages and recovery');
  await chair(page).getByRole('button', { name: 'Mark as no customer impact…' }).click();
  await chair(page).getByRole('textbox', { name: 'Reason for no customer impact' }).fill('Copy only; reviewed with support');
  await chair(page).getByRole('button', { name: 'Mark no customer impact' }).click();
  await expect(chair(page).getByText('○ No customer impact')).toBeVisible();
  await page.getByRole('button', { name: 'Previous item' }).click();
  await expect(heading(page)).toHaveText('Address autocomplete');
  await expect(chair(page).getByText('↷ Skipped on purpose')).toBeVisible();
  await page.getByRole('button', { name: 'Next item' }).click();
  await expect(heading(page)).toHaveText('Error messages and recovery');

  await page.getByRole('button', { name: 'End meeting' }).click();
  await page.getByRole('dialog', { name: 'End the meeting?' }).getByRole('button', { name: 'End the meeting' }).click();
  // The dialog closes once ending is done (and any move to another screen made).
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).status).toBe('ended');
  // The ended meeting's own screen (the app may show the impact summary first): coverage, and the chair.
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  await expect(page.getByRole('tab', { name: 'Summary' })).toBeVisible();
  await expect(page.locator('.coverage')).toContainText('Chair coverage 2 of 3 items (67%)');
  await expect(page.locator('.coverage')).toContainText('1 answered');
  await expect(page.locator('.coverage')).toContainText('1 no impact');
  await expect(page.locator('.coverage')).toContainText('1 skipped');
  await expect(chair(page)).toBeVisible();

  const done = await meetingOf(page.request, app, meeting.id);
  expect(done.status).toBe('ended');
  const [one, two, three] = done.agenda;
  expect(one!.notes).toBe('Numbers from the last usability test. Drop-off at step 2.');
  expect(one!.answer).toMatchObject({
    text: 'Buyers finish without an account: fewer drop-outs.',
    direction: 'helps',
    severity: 2,
    personaIds: [personas[0]!.id],
  });
  expect(one!.decisions.map((d) => [d.text, d.owner, d.direction])).toEqual([['Ship guest checkout to 10% of traffic', 'Ben', 'helps']]);
  expect(two).toMatchObject({ answer: null, skipped: true, noImpactReason: null });
  expect(three).toMatchObject({ noImpactReason: 'Copy only; reviewed with support', skipped: false });
  expect(problems).toEqual([]);
});

test('a three-item meeting run with the keyboard alone: N, P, D, 1-5, C and ?', async ({ page }) => {
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(page.request, app, 'Keyboard-driven review');
  await page.goto(app.appUrl);
  await tabTo(page, 'Keyboard-driven review');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard-driven review' })).toBeFocused();
  await tabTo(page, 'Start meeting');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Guest checkout');

  // C: straight into the chair's answer. Tab to the direction, 1 = helps.
  await page.keyboard.press('c');
  await expect(answerBox(page)).toBeFocused();
  await page.keyboard.type('No account needed: fewer people give up.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('1');
  await expect(chair(page).getByRole('radio', { name: 'Helps' })).toBeChecked();
  // D: log a decision; Enter saves it.
  await page.keyboard.press('d');
  await expect(page.getByRole('textbox', { name: 'Decision' })).toBeFocused();
  await page.keyboard.type('Guest checkout for everyone');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log decision' })).toBeFocused();
  // 1-5 on a decision row: Tab into the row, 2 = hurts.
  await page.keyboard.press('Tab');
  await expect(page.locator('.decision-row').getByRole('button', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('2');
  await expect(page.locator('.decision-row .direction-badge')).toContainText('Hurts');

  // N: next. Item 2 has no answer: the gate opens on "Answer it"; Enter puts us in the chair.
  await page.keyboard.press('n');
  await expect(heading(page)).toHaveText('Address autocomplete');
  await page.keyboard.press('n');
  const gate = page.getByRole('dialog', { name: 'The chair has no answer yet' });
  await expect(gate.getByRole('button', { name: 'Answer it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(answerBox(page)).toBeFocused();
  await page.keyboard.type('n and p typed here stay text');
  await page.keyboard.press('Escape');
  await page.keyboard.press('4');
  await expect(chair(page).getByRole('radio', { name: 'Neutral' })).toBeChecked();
  await page.keyboard.press('n');
  await expect(heading(page)).toHaveText('Error messages and recovery');
  // P and N again.
  await page.keyboard.press('p');
  await expect(heading(page)).toHaveText('Address autocomplete');
  await expect(answerBox(page)).toHaveValue('n and p typed here stay text');
  await page.keyboard.press('n');
  await expect(heading(page)).toHaveText('Error messages and recovery');
  // Modifiers are the browser's: Control+N must not move on.
  await page.keyboard.press('Alt+n');
  await expect(heading(page)).toHaveText('Error messages and recovery');

  // ? lists the shortcuts.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Log a decision');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Item 3: unknown (5) raises a follow-up whose owner can be set.
  await page.keyboard.press('c');
  await page.keyboard.type('We do not know yet.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('5');
  const owner = chair(page).getByRole('combobox', { name: 'Follow-up owner' });
  await expect(owner).toHaveValue('Dev');
  await expect(chair(page).getByText('Find out from customers: Error messages and recovery')).toBeVisible();
  await owner.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Chloé');
  await page.keyboard.press('Tab');
  await saved(page);

  await tabTo(page, 'End meeting');
  await page.keyboard.press('Enter');
  const end = page.getByRole('dialog', { name: 'End the meeting?' });
  await expect(end.getByRole('button', { name: 'Keep going' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).status).toBe('ended');
  // Focus is not lost (nor left on a button that turned into another): it is on the screen's heading.
  await expect(page.locator('main h1')).toBeFocused();

  const done = await meetingOf(page.request, app, meeting.id);
  expect(done.status).toBe('ended');
  expect(done.agenda.map((item) => [item.answer?.text, item.answer?.direction])).toEqual([
    ['No account needed: fewer people give up.', 'helps'],
    ['n and p typed here stay text', 'neutral'],
    ['We do not know yet.', 'unknown'],
  ]);
  expect(done.agenda[0]!.decisions.map((d) => [d.text, d.direction])).toEqual([['Guest checkout for everyone', 'hurts']]);
  expect(done.followUps.map((f) => [f.text, f.owner])).toEqual([['Find out from customers: Error messages and recovery', 'Chloé']]);
  expect(problems).toEqual([]);
});

test('the gate: answer it, no impact with a reason, or skip; the counts shown are what the service stored', async ({ page }) => {
  const persona = await api<Persona>(page.request, app, 'personas.create', { name: 'Gate persona', quotes: ['Quote'] });
  const meeting = await api<Meeting>(page.request, app, 'meetings.create', {
    title: 'Gate review',
    scheduledAt: '2026-11-24T09:30:00Z',
    personaIds: [persona.id],
    agenda: [{ title: 'One' }, { title: 'Two' }, { title: 'Three' }, { title: 'Four' }],
  });
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  await openMeeting(page, meeting.id);
  const gate = page.getByRole('dialog', { name: 'The chair has no answer yet' });

  // One: the gate opens; "Answer it" focuses the chair; answered, Next goes through.
  await page.getByRole('button', { name: 'Next item' }).click();
  await gate.getByRole('button', { name: 'Answer it' }).click();
  await expect(answerBox(page)).toBeFocused();
  await page.keyboard.type('Faster refunds');
  await page.getByRole('button', { name: 'Next item' }).click();
  await expect(heading(page)).toHaveText('Two');

  // Two: "No customer impact" needs a reason.
  await page.getByRole('button', { name: 'Next item' }).click();
  await gate.getByRole('button', { name: 'No customer impact' }).click();
  const reason = gate.getByRole('textbox', { name: 'Reason for no customer impact' });
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(gate.getByText('Give a reason: why does this item not affect the customer?')).toBeVisible();
  await reason.fill('Internal build tooling');
  await gate.getByRole('button', { name: 'No customer impact' }).click();
  await expect(heading(page)).toHaveText('Three');

  // Three: skipped on purpose.
  await page.getByRole('button', { name: 'Next item' }).click();
  await gate.getByRole('button', { name: 'Skip on purpose' }).click();
  await expect(heading(page)).toHaveText('Four');

  const coverage = page.locator('.coverage');
  await expect(coverage).toContainText('Chair coverage 2 of 4 items (50%)');
  await expect(coverage).toContainText('1 answered');
  await expect(coverage).toContainText('1 no impact');
  await expect(coverage).toContainText('1 skipped');
  await expect(page.locator('.agenda-states')).toContainText('Skipped on purpose');

  const stored = await meetingOf(page.request, app, meeting.id);
  expect(
    stored.agenda.map((item) => ({
      answer: item.answer?.text ?? null,
      noImpact: item.noImpactReason,
      skipped: item.skipped,
      discussed: item.startedAt !== null,
    })),
  ).toEqual([
    { answer: 'Faster refunds', noImpact: null, skipped: false, discussed: true },
    { answer: null, noImpact: 'Internal build tooling', skipped: false, discussed: true },
    { answer: null, noImpact: null, skipped: true, discussed: true },
    { answer: null, noImpact: null, skipped: false, discussed: true },
  ]);
  expect(stored.currentItemId).toBe(stored.agenda[3]!.id);

  // The gate holds at End too; and the service holds it for any client.
  const refused = await page.request.post(`${app.origin}/api/meetings.end`, {
    headers: { authorization: `Bearer ${app.token}` },
    data: { id: meeting.id },
  });
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('gate_closed');
  await page.getByRole('button', { name: 'End meeting' }).click();
  await expect(gate).toBeVisible();
  await gate.getByRole('button', { name: 'Skip on purpose' }).click();
  await expect(gate).toHaveCount(0);
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).status).toBe('ended');
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  await expect(coverage).toContainText('2 skipped');
  expect((await meetingOf(page.request, app, meeting.id)).agenda[3]!.skipped).toBe(true);
});

test('a decision tagged with a built-in and a new tag; removed, then Undo restores it in place', async ({ page }) => {
  const { meeting } = await seedMeeting(page.request, app, 'Decision review');
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  const label = `Billing trust ${test.info().workerIndex}-${Date.now()}`;
  await openMeeting(page, meeting.id);

  await page.getByRole('button', { name: 'Log decision' }).click();
  await page.getByRole('textbox', { name: 'Decision' }).fill('Show the total before the address step');
  await page.getByRole('combobox', { name: 'Owner' }).fill('Chloé');
  await page.getByLabel('Due date (optional)').fill('2026-12-15');
  const tags = page.getByRole('combobox', { name: 'Customer-impact tags' });
  await tags.click();
  await page.keyboard.type('reli');
  await expect(page.getByRole('option', { name: 'reliability' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.type(label);
  const create = page.getByRole('option', { name: `Create tag “${label}”` });
  await expect(create).toBeVisible();
  // Enter on a label no tag has creates nothing: "Create tag" must be chosen (issue 18 §3).
  await expect(create).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tag-notice')).toContainText(`No tag matches “${label}”`);
  await expect(page.getByRole('button', { name: `Remove tag ${label}` })).toHaveCount(0);
  expect((await tagsOf(page.request, app)).some((tag) => tag.label === label)).toBe(false);
  await page.keyboard.press('ArrowDown');
  await expect(create).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Remove tag ${label}` })).toBeVisible();
  await page.getByRole('button', { name: 'Save decision' }).click();
  const rows = page.locator('.decision-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('.tag')).toHaveText(['reliability', label]);

  const custom = (await tagsOf(page.request, app)).find((tag) => tag.label === label)!;
  expect(custom.builtIn).toBe(false);
  let item = (await meetingOf(page.request, app, meeting.id)).agenda[0]!;
  expect(item.decisions[0]).toMatchObject({
    text: 'Show the total before the address step',
    owner: 'Chloé',
    dueDate: '2026-12-15',
    direction: 'unknown',
  });
  expect(item.decisions[0]!.tags.map((tag) => tag.tagId)).toEqual(['reliability', custom.id]);

  // A second decision, then remove the first: Undo puts it back first, unchanged.
  await page.getByRole('button', { name: 'Log decision' }).click();
  await page.getByRole('textbox', { name: 'Decision' }).fill('Keep the phone number optional');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  const original = (await meetingOf(page.request, app, meeting.id)).agenda[0]!.decisions[0]!;
  await rows.first().getByRole('button', { name: 'Remove' }).click();
  await expect(rows).toHaveCount(1);
  const toast = page.getByRole('status').filter({ hasText: 'Decision removed' });
  await expect(toast).toBeVisible();
  expect((await meetingOf(page.request, app, meeting.id)).agenda[0]!.decisions).toHaveLength(1);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('.decision-text')).toHaveText('Show the total before the address step');
  item = (await meetingOf(page.request, app, meeting.id)).agenda[0]!;
  expect(item.decisions.map((d) => d.text)).toEqual(['Show the total before the address step', 'Keep the phone number optional']);
  expect(item.decisions[0]).toEqual(original);

  // The meeting-wide list filters by that tag.
  await page.getByRole('tab', { name: 'Decisions (2)' }).click();
  await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label });
  await expect(page.locator('.decision-row')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'All tags' });
  await page.getByRole('combobox', { name: 'Direction' }).selectOption('helps');
  await expect(page.getByText('No decisions match these filters.')).toBeVisible();
});

test('bad input: HTML, emoji and right-to-left text shown as text; a whitespace answer keeps the gate closed; 20,001 characters refused', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  page.on('dialog', (dialog) => {
    problems.push(`a script ran: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const persona = await api<Persona>(page.request, app, 'personas.create', {
    name: '<img src=x onerror="alert(1)">Persona',
    segment: 'שוק ישראלי',
    needs: ['<b>not bold</b>'],
    quotes: ['🎉 <script>alert(2)</script>'],
  });
  const meeting = await api<Meeting>(page.request, app, 'meetings.create', {
    title: '<h1>Not a heading</h1> 🚀',
    scheduledAt: '2026-11-24T09:30:00Z',
    personaIds: [persona.id],
    agenda: [{ title: 'مراجعة <i>الأسعار</i>', notes: '<a href="javascript:alert(3)">link</a>' }, { title: 'Second' }],
  });
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  await openMeeting(page, meeting.id);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<h1>Not a heading</h1> 🚀');
  await expect(heading(page)).toHaveText('مراجعة <i>الأسعار</i>');
  await expect(heading(page)).toHaveAttribute('dir', 'auto');
  await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('<a href="javascript:alert(3)">link</a>');
  await expect(chair(page).getByRole('checkbox', { name: '<img src=x onerror="alert(1)">Persona' })).toBeVisible();
  await expect(chair(page).getByText('🎉 <script>alert(2)</script>')).toBeVisible();
  await expect(chair(page).getByText('שוק ישראלי')).toHaveAttribute('dir', 'auto');
  expect(await page.locator('main img, main b, main i, main script, main h1 h1, main a[href^="javascript"]').count()).toBe(0);

  // Whitespace is not an answer: the gate still opens.
  await answerBox(page).fill('   \n  ');
  await saved(page);
  await page.getByRole('button', { name: 'Next item' }).click();
  await expect(page.getByRole('dialog', { name: 'The chair has no answer yet' })).toBeVisible();
  await page.keyboard.press('Escape');
  expect((await meetingOf(page.request, app, meeting.id)).agenda[0]!.answer?.text).toBe('   \n  ');

  // Emoji and right-to-left text are kept exactly.
  const mixed = 'الزبائن 👍 <b>ok</b> שלום';
  await answerBox(page).fill(mixed);
  await saved(page);
  await expect(answerBox(page)).toHaveAttribute('dir', 'auto');
  expect((await meetingOf(page.request, app, meeting.id)).agenda[0]!.answer?.text).toBe(mixed);

  // 20,000 characters are accepted; typing stops there, with a message; 20,001 set by a script is refused, and said so.
  await answerBox(page).fill('a'.repeat(20_000));
  await saved(page);
  expect((await meetingOf(page.request, app, meeting.id)).agenda[0]!.answer?.text).toHaveLength(20_000);
  await answerBox(page).press('End');
  await page.keyboard.type('b');
  await expect(answerBox(page)).toHaveValue('a'.repeat(20_000));
  await expect(chair(page).locator('.limit-refused')).toHaveText('Limit reached: this field takes at most 20,000 characters.');
  await answerBox(page).evaluate((element: HTMLTextAreaElement) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    setter.call(element, 'c'.repeat(20_001));
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(chair(page).getByRole('alert').filter({ hasText: 'too long to save' })).toHaveText(
    'The answer is too long to save: at most 20,000 characters. It has 20,001. Shorten it and it saves again.',
  );
  await expect(chair(page).locator('.save-status')).toHaveText('Not saved');
  expect((await meetingOf(page.request, app, meeting.id)).agenda[0]!.answer?.text).toBe('a'.repeat(20_000));
  expect(problems).toEqual([]);
});

test('the runner has no detectable accessibility violations, chair open and collapsed, light and dark', async ({ page }) => {
  test.slow(); // four full-page axe runs: CPU-bound, and slow on a busy 2-core machine
  const { meeting } = await seedMeeting(page.request, app, 'Accessible review');
  const first = meeting.agenda[0]!;
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  await api(page.request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: first.id,
    decision: { text: 'Tagged decision', tagIds: ['pricing'], direction: 'mixed' },
  });
  await api(page.request, app, 'chair.answer', {
    meetingId: meeting.id,
    itemId: first.id,
    changes: { text: 'Some answer', direction: 'unknown', severity: 1 },
  });
  await openMeeting(page, meeting.id);
  await expect(chair(page).getByRole('combobox', { name: 'Follow-up owner' })).toBeVisible();

  const check = async (what: string) => {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  for (const theme of ['Light', 'Dark']) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await expect(answerBox(page)).toBeVisible();
    await check(`${theme}, chair open`);
    await chair(page).getByRole('button', { name: 'Collapse' }).click();
    await expect(chair(page).getByRole('button', { name: 'Show the chair' })).toBeVisible();
    await expect(chair(page).getByText('Current item: Answered')).toBeAttached();
    await check(`${theme}, chair collapsed`);
    await chair(page).getByRole('button', { name: 'Show the chair' }).click();
    await page.getByRole('button', { name: 'Log decision' }).click();
    await page.getByRole('combobox', { name: 'Customer-impact tags' }).fill('p');
    await expect(page.getByRole('listbox')).toBeVisible();
    await check(`${theme}, decision form with suggestions`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Next item' }).click();
    await expect(heading(page)).toHaveText('Address autocomplete');
    await page.getByRole('button', { name: 'Next item' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check(`${theme}, gate dialog`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Previous item' }).click();
    await expect(heading(page)).toHaveText('Guest checkout');
  }
});

test('the tag list opens upward where it would hang past the end of the page, and downward where there is room', async ({ page }) => {
  const { meeting } = await seedMeeting(page.request, app, 'Tag list placement');
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  const itemId = meeting.agenda[0]!.id;
  for (let i = 1; i <= 12; i++)
    await api(page.request, app, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text: `Decision ${i}` } });
  await page.setViewportSize({ width: 1280, height: 720 });
  await openMeeting(page, meeting.id);
  await page.getByRole('tab', { name: 'Decisions (12)' }).click();
  const rows = page.locator('.decision-row');
  await expect(rows).toHaveCount(12);

  /** Opens the tag list of decision `index`'s edit form; returns where the list sits and where the page ends. */
  const openTagList = async (index: number, { inputAtTopOfWindow = false } = {}) => {
    await rows.nth(index).getByRole('button', { name: 'Edit' }).click();
    const input = page.getByRole('combobox', { name: 'Customer-impact tags' });
    if (inputAtTopOfWindow) await input.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await input.focus();
    await page.keyboard.press('ArrowDown');
    const list = page.getByRole('listbox', { name: 'Tags' });
    await expect(list).toBeVisible();
    return page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('.tag-options:not([hidden])')!;
      const input = list.parentElement!.querySelector('input')!;
      return {
        listTop: list.getBoundingClientRect().top + scrollY,
        listBottom: list.getBoundingClientRect().bottom + scrollY,
        inputTop: input.getBoundingClientRect().top + scrollY,
        pageEnd: document.documentElement.scrollHeight,
      };
    });
  };

  // The last decision: below it, the page ends before the list would; it opens above its input.
  const last = await openTagList(11);
  expect(last.listBottom).toBeLessThanOrEqual(last.inputTop);
  expect(last.listBottom).toBeLessThanOrEqual(last.pageEnd);
  await page.getByRole('option').last().click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).agenda[0]!.decisions[11]!.tags.length).toBe(1);

  // The first decision, its input at the top of the window: there is room below, so below it opens.
  const first = await openTagList(0, { inputAtTopOfWindow: true });
  expect(first.listTop).toBeGreaterThan(first.inputTop);
  expect(first.listBottom).toBeLessThanOrEqual(first.pageEnd);
});
