import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { meetingToJson, parseMeetingExport } from '../../shared/export/json';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';
import type { WebApp } from './webApp';

/** Calls the API as another client would (e.g. to check what the service stored). */
export async function api<T = unknown>(request: APIRequestContext, app: WebApp, method: string, input: unknown = {}): Promise<T> {
  const response = await request.post(`${app.origin}/api/${method}`, { headers: { authorization: `Bearer ${app.token}` }, data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(response.status(), `${method}: ${body.error?.message ?? ''}`).toBe(200);
  return body.value;
}

export const meetingOf = (request: APIRequestContext, app: WebApp, id: string) => api<Meeting>(request, app, 'meetings.get', { id });

export interface Seeded {
  meeting: Meeting;
  personas: Persona[];
}

/** A planned three-item meeting with two personas in the chair. */
export async function seedMeeting(request: APIRequestContext, app: WebApp, title = 'Checkout redesign review'): Promise<Seeded> {
  const buyer = await api<Persona>(request, app, 'personas.create', {
    name: 'First-time buyer',
    segment: 'Consumer, mobile',
    needs: ['Pay without an account', 'See the total early', 'Trust the payment page', 'A fourth need not shown'],
    quotes: ['Why do you need my phone number?', 'I left when the shipping cost appeared.'],
  });
  const admin = await api<Persona>(request, app, 'personas.create', {
    name: 'IT admin',
    segment: 'Mid-market, 400 seats',
    needs: ['Single sign-on', 'Audit log'],
    quotes: ['Show me who changed it.'],
  });
  const meeting = await api<Meeting>(request, app, 'meetings.create', {
    title,
    scheduledAt: '2026-11-24T09:30:00Z',
    lead: 'Ana',
    participants: ['Ben', 'Chloé', 'Dev'],
    personaIds: [buyer.id, admin.id],
    agenda: [
      { title: 'Guest checkout', owner: 'Ben', timeboxMinutes: 20, notes: 'Numbers from the last usability test.' },
      { title: 'Address autocomplete', owner: 'Chloé', timeboxMinutes: 15 },
      { title: 'Error messages and recovery', owner: 'Dev', timeboxMinutes: 10 },
    ],
  });
  return { meeting, personas: [buyer, admin] };
}

export const tagsOf = async (request: APIRequestContext, app: WebApp) => (await api<{ tags: Tag[] }>(request, app, 'library.get')).tags;

/**
 * Fails a test on any page error, CSP violation or other console error. The browser's own lines about
 * failed loads are expected: refused connections while a test has stopped the server or cut the
 * network (the event socket reconnects, a call is retried), and the 4xx answers to the bad input a
 * test sends on purpose (each test checks that answer itself).
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/WebSocket connection to .* failed|Failed to load resource/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  return problems;
}

export const chair = (page: Page) => page.getByRole('complementary', { name: 'Empty chair' });
export const answerBox = (page: Page) => chair(page).getByRole('textbox', { name: 'How does this affect the customer?' });
export const saved = (page: Page) => expect(chair(page).locator('.save-status')).toHaveText('Saved');

/**
 * Imports the unit fixture (answers, proposals, citations) as its JSON export holds it, without its
 * deliberately deleted persona (which the library cannot describe), and opens its impact summary.
 */
export async function openFixtureSummary(page: Page, request: APIRequestContext, app: WebApp): Promise<Meeting> {
  const fixture = fixtureMeeting();
  fixture.personaIds = fixture.personaIds.filter((id) => id !== 'persona-deleted');
  const exported = parseMeetingExport(meetingToJson(fixture, null, fixtureLibrary()));
  const meeting = await api<Meeting>(request, app, 'meetings.import', {
    meeting: exported.meeting,
    personas: exported.personas,
    tags: exported.tags,
  });
  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Pricing page review' }).click();
  await page.getByRole('button', { name: 'Impact summary' }).click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}/summary$`));
  return meeting;
}

/** axe over the chair panel (WCAG 2.1 A and AA): no violations, each named by rule and node if any. */
export async function axeChair(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .include('aside.chair-panel')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
