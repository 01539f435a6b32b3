/**
 * The ledger's search that understands words (issue 20) and its cited-account and evidence-source
 * filters (issue 19 §4) in real Chromium against browser mode: "price" finds "pricing", a persona's
 * name and a #tag find theirs, most relevant first;
 * evidence imported and cited through the API, "every decision that cited Acme or Globex" found from
 * the filters' checkboxes with the keyboard, several at once, kept in the URL; every filter field readable at 1280 and
 * 900 px (dates whole, labels in full); axe finds nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import type { EvidenceSearchResult } from '../../shared/evidence/schema';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

async function imported(page: Page, webApp: WebApp, name: string, text: string): Promise<string> {
  const started = await api<{ jobId: string; sourceId: string }>(page.request, webApp, 'evidence.import', {
    source: { name, kind: 'tickets' },
    input: { kind: 'text', fileName: `${name}.csv`, text },
  });
  await expect
    .poll(async () => (await api<{ state: string }>(page.request, webApp, 'evidence.importStatus', { jobId: started.jobId })).state)
    .toBe('done');
  return started.sourceId;
}

/** Three decisions: one cites Acme from the help desk, one Globex from interviews, one nothing. */
async function seed(page: Page, webApp: WebApp) {
  const call = <T>(method: string, input: unknown) => api<T>(page.request, webApp, method, input);
  await call('evidence.importAccounts', {
    input: {
      kind: 'text',
      fileName: 'accounts.csv',
      text: 'id,name,segment,arr,currency\nA1,Acme Corp,Enterprise,300000,USD\nG2,Globex,SMB,5000,EUR\n',
    },
  });
  const header = 'subject,description,requester,account,created_at';
  const helpDesk = await imported(
    page,
    webApp,
    'Help desk',
    `${header}\nCheckout,"Forcing an account at checkout lost us the order",Zoë,A1,2026-02-01\n`,
  );
  const interviews = await imported(
    page,
    webApp,
    'Interviews',
    `${header}\nExports,"We export every report to spreadsheets",Kim,G2,2026-02-02\n`,
  );
  let meeting = await call<Meeting>('meetings.create', {
    title: 'March review',
    scheduledAt: '2026-03-09T10:00:00.000Z',
    agenda: [{ title: 'Checkout' }],
  });
  const itemId = meeting.agenda[0]!.id;
  for (const text of ['Offer guest checkout', 'Add a spreadsheet export', 'Rename the plan'])
    meeting = await call<Meeting>('decisions.add', { meetingId: meeting.id, itemId, decision: { text } });
  const cite = async (text: string, query: string, sourceId: string) => {
    const hits = (await call<EvidenceSearchResult>('evidence.search', { query, limit: 20 })).hits;
    const decisionId = meeting.agenda[0]!.decisions.find((d) => d.text === text)!.id;
    await call('citations.add', {
      meetingId: meeting.id,
      itemId,
      decisionId,
      sourceId,
      key: hits.find((h) => h.sourceId === sourceId)!.key,
    });
  };
  await cite('Offer guest checkout', 'checkout', helpDesk);
  await cite('Add a spreadsheet export', 'spreadsheets', interviews);
}

/** Decisions whose words sit in the decision, the item, the chair's answer, a persona and a tag. */
async function seedWords(page: Page, webApp: WebApp) {
  const call = <T>(method: string, input: unknown) => api<T>(page.request, webApp, method, input);
  const hiro = await call<Persona>('personas.create', { name: 'Hiro' });
  const mobile = await call<Tag>('tags.create', { label: 'mobile' });
  const meeting = await call<Meeting>('meetings.create', {
    title: 'April review',
    scheduledAt: '2026-04-09T10:00:00.000Z',
    personaIds: [hiro.id],
    agenda: [{ title: 'Plans' }, { title: 'Offline mode' }, { title: 'Usage pricing' }],
  });
  const add = (itemIndex: number, decision: Record<string, unknown>) =>
    call('decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[itemIndex]!.id, decision });
  await add(0, { text: 'Keep the annual discount' });
  await add(1, { text: 'Ship offline drafts', tagIds: [mobile.id] });
  await add(2, { text: 'Move Pro to usage pricing' });
  await call('chair.answer', {
    meetingId: meeting.id,
    itemId: meeting.agenda[1]!.id,
    changes: { text: 'Commuters lose work on the subway', personaIds: [hiro.id] },
  });
}

const results = (page: Page) => page.getByRole('list', { name: 'Decisions found' }).locator('.ledger-link');

const sorted = async (page: Page) => (await results(page).allTextContents()).sort();

/** Opens a filter's disclosure with the keyboard; its checkboxes are then a group named after it. */
async function openChoices(page: Page, name: string) {
  await page.locator('summary', { hasText: new RegExp(`^${name}`) }).focus();
  await page.keyboard.press('Enter');
  return page.getByRole('group', { name });
}

test('every decision that cited some accounts, or a source: several chosen with the keyboard, kept in the URL', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await seed(page, app);
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
  await expect(results(page)).toHaveCount(3);

  const accounts = await openChoices(page, 'Cited accounts');
  await expect(accounts.getByRole('checkbox')).toHaveCount(2);
  await expect(accounts.locator('label')).toHaveText(['Acme Corp', 'Globex']);
  await accounts.getByRole('checkbox', { name: 'Acme Corp' }).focus();
  await page.keyboard.press('Space');
  await expect(results(page)).toHaveText(['Offer guest checkout']);
  await expect(page.getByRole('list', { name: 'Decisions found' })).toContainText('Cites: Acme Corp, Help desk');
  await expect(page).toHaveURL(/account=Acme\+Corp/);
  await page.keyboard.press('Tab'); // to Globex
  await expect(accounts.getByRole('checkbox', { name: 'Globex' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(results(page)).toHaveCount(2);
  expect(await sorted(page)).toEqual(['Add a spreadsheet export', 'Offer guest checkout']);
  await expect(page).toHaveURL(/account=Acme\+Corp&account=Globex/);
  await expect(page.locator('summary', { hasText: /^Cited accounts/ })).toHaveText('Cited accounts: Acme Corp, Globex');
  const axe = await new AxeBuilder({ page }).include('.ledger-filters').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The URL keeps both: a reload opens the same search, both boxes ticked.
  await page.reload();
  await expect(results(page)).toHaveCount(2);
  await expect(page.getByRole('group', { name: 'Cited accounts' }).getByRole('checkbox', { checked: true })).toHaveCount(2);

  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(results(page)).toHaveCount(3);
  const sources = await openChoices(page, 'Evidence sources');
  await sources.getByRole('checkbox', { name: 'Interviews' }).check();
  await expect(results(page)).toHaveText(['Add a spreadsheet export']);
  await expect(page).toHaveURL(/source=/);

  // A shared link with the account spelled otherwise opens with the same filter.
  await page.evaluate(() => {
    window.location.hash = '#/ledger?account=acme+corp';
  });
  await expect(results(page)).toHaveText(['Offer guest checkout']);
  await expect(page.getByRole('group', { name: 'Cited accounts' }).getByRole('checkbox', { name: 'Acme Corp' })).toBeChecked();
  expect(problems).toEqual([]);
});

test("words: every form, as you type, most relevant first; a persona, a #tag, the chair's answer", async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await seed(page, app);
  await seedWords(page, app);
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
  await expect(results(page)).toHaveCount(6);
  const box = page.getByRole('searchbox', { name: 'Search decisions' });
  await expect(box).toHaveAccessibleDescription(/#word looks at tags only/);
  await box.pressSequentially('pric');
  // The decision that says it first, then the one whose agenda item does ("Usage pricing" is both).
  await expect(results(page)).toHaveText(['Move Pro to usage pricing']);
  await box.fill('prices');
  await expect(results(page)).toHaveText(['Move Pro to usage pricing']);
  await box.fill('hiro');
  await expect(results(page)).toHaveText(['Keep the annual discount', 'Ship offline drafts', 'Move Pro to usage pricing']);
  await box.fill('#mobile');
  await expect(results(page)).toHaveText(['Ship offline drafts']);
  await box.fill('subway');
  await expect(results(page)).toHaveText(['Ship offline drafts']);
  // "Checkout" is the three decisions' item; "checkout" in a decision's own words puts it first.
  await box.fill('checkout');
  await expect(results(page)).toHaveText(['Offer guest checkout', 'Add a spreadsheet export', 'Rename the plan']);
  await (await openChoices(page, 'Cited accounts')).getByRole('checkbox', { name: 'Globex' }).check(); // exact filters stay exact
  await expect(results(page)).toHaveText(['Add a spreadsheet export']);
  await box.fill('guest');
  await expect(page.getByText('No decision matches this search.')).toBeVisible();
  expect(problems).toEqual([]);
});

test('every filter field is readable at 1280 and 900 px, and axe finds no violation', async ({ page }) => {
  test.slow(); // two full-page axe runs on a busy machine
  app = await startWebApp(tempDataDir());
  await seed(page, app);
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
  await expect(results(page)).toHaveCount(3);
  await page.getByLabel('Meetings from').fill('2026-01-01');
  await page.getByLabel('Meetings to').fill('2026-12-31');
  await expect(results(page)).toHaveCount(3);
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 900 });
    for (const label of ['Persona', 'Review', 'Owner', 'Meetings from', 'Meetings to']) {
      const field = page.getByLabel(label, { exact: true });
      const box = await field.boundingBox();
      // A date field needs about 9.5rem to show "12/31/2026" and its picker button whole.
      expect(box?.width, `${label} at ${width} px`).toBeGreaterThanOrEqual(150);
      // The label is shown whole: on one line, not cut.
      const labelBox = await page.locator('label', { hasText: new RegExp(`^${label}$`) }).evaluate((element) => ({
        cut: element.scrollWidth > element.clientWidth,
        height: element.getBoundingClientRect().height,
        line: parseFloat(getComputedStyle(element).lineHeight) || 24,
      }));
      expect(labelBox.cut, `${label}'s label cut at ${width} px`).toBe(false);
      expect(labelBox.height, `${label}'s label wraps at ${width} px`).toBeLessThanOrEqual(labelBox.line * 1.5);
    }
    const form = await page.getByRole('search', { name: 'Decisions' }).evaluate((element) => ({
      overflow: element.scrollWidth - element.clientWidth,
      right: element.getBoundingClientRect().right,
    }));
    expect(form.overflow, `the filters overflow at ${width} px`).toBeLessThanOrEqual(0);
    expect(form.right, `the filters end inside the window at ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`ledger-filters-${width}.png`), fullPage: false });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
