import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { LedgerResult } from '../../shared/ledger';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { buildMeeting } from '../../scripts/bench/generate';
import { dispatch } from '../../electron/service/dispatch';
import { closeNow, closeOpened, openTemp as start, tempDir, valueOf } from './helpers';

afterEach(closeOpened);
const value = <T>(library: OpenLibrary, method: string, input: unknown) => valueOf<T>(library, method, input);
const search = (library: OpenLibrary, query: Record<string, unknown>) => value<LedgerResult>(library, 'ledger.search', query);

/** Two meetings with known decisions: enough to tell each filter apart. */
function seeded() {
  const dir = tempDir();
  const library = start(dir);
  const persona = value<{ id: string }>(library, 'personas.create', { name: 'Priya' });
  const other = value<{ id: string }>(library, 'personas.create', { name: 'Omar' });
  const churn = value<{ id: string }>(library, 'tags.create', { label: 'Churn risk' });
  const add = (meeting: Meeting, itemIndex: number, decision: Record<string, unknown>) =>
    value<Meeting>(library, 'decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[itemIndex]!.id, decision });
  let march = value<Meeting>(library, 'meetings.create', {
    title: 'March pricing review',
    scheduledAt: '2026-03-10T09:00:00Z',
    personaIds: [persona.id],
    agenda: [{ title: 'Usage pricing' }, { title: 'Trial' }],
  });
  march = add(march, 0, { text: 'Move Pro to usage pricing', owner: 'Ben', direction: 'hurts', tagIds: ['pricing', churn.id] });
  march = add(march, 1, { text: 'Keep the 30-day trial', owner: 'Ana', direction: 'helps', tagIds: ['onboarding'] });
  value(library, 'chair.answer', {
    meetingId: march.id,
    itemId: march.agenda[1]!.id,
    changes: { text: 'Omar needs time', personaIds: [] },
  });
  let may = value<Meeting>(library, 'meetings.create', {
    title: 'May support sync',
    scheduledAt: '2026-05-02T09:00:00Z',
    personaIds: [other.id],
    agenda: [{ title: 'Macros' }],
  });
  may = add(may, 0, { text: 'Publish support macros for pricing questions', owner: 'Chloé', direction: 'unknown', tagIds: ['support'] });
  return { dir, library, persona, other, churn, march, may };
}

describe('the decision ledger', () => {
  it('finds decisions by text, tag, direction, persona, owner, dates and meeting, newest meeting first', () => {
    const { library, persona, other, churn, march, may } = seeded();
    const texts = (query: Record<string, unknown>) => search(library, query).entries.map((e) => e.text);
    expect(texts({})).toEqual(['Publish support macros for pricing questions', 'Move Pro to usage pricing', 'Keep the 30-day trial']);
    expect(texts({ text: 'PRICING pro' })).toEqual(['Move Pro to usage pricing']);
    expect(texts({ text: 'trial' })).toEqual(['Keep the 30-day trial']); // matches the item title too
    expect(texts({ tagIds: ['pricing', churn.id] })).toEqual(['Move Pro to usage pricing']);
    expect(texts({ directions: ['helps', 'unknown'] })).toEqual(['Publish support macros for pricing questions', 'Keep the 30-day trial']);
    expect(texts({ personaId: persona.id })).toEqual(['Move Pro to usage pricing', 'Keep the 30-day trial']);
    expect(texts({ personaId: other.id })).toEqual(['Publish support macros for pricing questions']);
    expect(texts({ owner: 'chlo' })).toEqual(['Publish support macros for pricing questions']);
    expect(texts({ from: '2026-03-10', to: '2026-03-10' })).toHaveLength(2);
    expect(texts({ from: '2026-04-01' })).toEqual(['Publish support macros for pricing questions']);
    expect(texts({ meetingIds: [march.id] })).toHaveLength(2);
    const hit = search(library, { text: 'macros' }).entries[0]!;
    expect(hit).toMatchObject({ meetingId: may.id, itemId: may.agenda[0]!.id, meetingTitle: 'May support sync', direction: 'unknown' });
  });

  it('pages results and reports the total', () => {
    const { library } = seeded();
    const page = search(library, { limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.entries.map((e) => e.text)).toEqual(['Move Pro to usage pricing']);
  });

  it('follows every change: edits, removals, deleted meetings', () => {
    const { library, march, may } = seeded();
    const decision = march.agenda[0]!.decisions[0]!;
    value(library, 'decisions.update', { meetingId: march.id, decisionId: decision.id, changes: { text: 'Move Pro to seat pricing' } });
    expect(search(library, { text: 'seat' }).total).toBe(1);
    value(library, 'decisions.remove', { meetingId: march.id, decisionId: decision.id });
    expect(search(library, { text: 'seat' }).total).toBe(0);
    value(library, 'meetings.delete', { id: may.id });
    expect(search(library, {}).entries.map((e) => e.text)).toEqual(['Keep the 30-day trial']);
  });

  it('covers meetings on disk that were never opened, after a restart', async () => {
    const { dir, library } = seeded();
    closeNow(library);
    const again = start(dir);
    expect(search(again, { text: 'macros' })).toMatchObject({ total: 1, complete: true });
    const third = start(tempDir());
    await third.service.warmUp();
    expect(search(third, {})).toMatchObject({ total: 0, complete: true });
  });

  it('refuses bad queries with a typed error', () => {
    const { library } = seeded();
    expect(dispatch(library.service, 'ledger.search', { directions: ['great'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(dispatch(library.service, 'ledger.search', { from: '2026-13-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(dispatch(library.service, 'ledger.search', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('warms up in the background: a library of 50 meetings / 1,000 decisions is fully indexed', async () => {
    const dir = tempDir();
    const library = start(dir);
    const persona = value<{ id: string }>(library, 'personas.create', { name: 'P' });
    for (let i = 0; i < 50; i++) value(library, 'meetings.import', { meeting: buildMeeting(i, persona.id) });
    closeNow(library);
    const again = start(dir);
    await again.service.warmUp();
    expect(search(again, { limit: 1 })).toMatchObject({ total: 1000, complete: true });
    expect(search(again, { directions: ['hurts'] }).total).toBe(200);
  });
});
