import { afterEach, describe, expect, it } from 'vitest';
import type { Library, Meeting, Template } from '../../shared/domain';
import type { LedgerEntry, LedgerResult } from '../../shared/ledger';
import { LIMITS } from '../../shared/limits';
import { isEarlier } from '../../shared/followUps';
import { isCheckBackFor, predictionStats } from '../../shared/outcomes';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { closeOpened, errorCodeOf as errorCode, openTemp as start, snapshotFiles, tempDir, valueOf as value } from './helpers';

afterEach(closeOpened);

/** A first meeting of a weekly review, run and ended with two follow-ups (one done) and a decision to review. */
function firstWeek(library: OpenLibrary) {
  let week1 = value<Meeting>(library, 'meetings.create', {
    title: 'Weekly pricing review',
    scheduledAt: '2026-11-02T09:00:00Z',
    lead: 'Ana',
    participants: ['Ben'],
    agenda: [{ title: 'Tiers', owner: 'Ben', timeboxMinutes: 15, notes: 'Bring the numbers' }, { title: 'Trial' }],
  });
  value(library, 'meetings.start', { id: week1.id });
  week1 = value<Meeting>(library, 'decisions.add', {
    meetingId: week1.id,
    itemId: week1.agenda[0]!.id,
    decision: { text: 'Three tiers', direction: 'helps', reviewDate: '2026-11-09' },
  });
  const decisionId = week1.agenda[0]!.decisions[0]!.id;
  week1 = value<Meeting>(library, 'followUps.add', {
    meetingId: week1.id,
    text: 'Draft tier names',
    owner: 'Ben',
    dueDate: '2026-11-05',
    decisionId,
  });
  week1 = value<Meeting>(library, 'followUps.add', { meetingId: week1.id, text: 'Book the room', owner: 'Ana' });
  week1 = value<Meeting>(library, 'followUps.update', { meetingId: week1.id, followUpId: week1.followUps[1]!.id, changes: { done: true } });
  week1 = value<Meeting>(library, 'meetings.end', { id: week1.id, skip: true });
  return { week1, decisionId };
}

describe('series and follow-ups that carry forward', () => {
  it('creates the next meeting with the agenda copied and only open follow-ups carried, each once', () => {
    const library = start();
    const { week1 } = firstWeek(library);
    const week2 = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-09T09:00:00Z' });

    expect(week2.seriesId).not.toBeNull();
    const series = value<Library>(library, 'library.get', {}).series;
    expect(series).toEqual([expect.objectContaining({ id: week2.seriesId, name: 'Weekly pricing review' })]);
    expect(value<Meeting>(library, 'meetings.get', { id: week1.id }).seriesId).toBe(week2.seriesId);
    expect(week2.agenda.map(({ title, owner, timeboxMinutes, notes }) => ({ title, owner, timeboxMinutes, notes }))).toEqual([
      { title: 'Tiers', owner: 'Ben', timeboxMinutes: 15, notes: 'Bring the numbers' },
      { title: 'Trial', owner: '', timeboxMinutes: 10, notes: '' },
    ]);
    expect(week2.agenda.every((item) => item.answer === null && item.decisions.length === 0)).toBe(true);
    expect(week2.status).toBe('planned');
    expect(week2.participants).toEqual(['Ben']);

    // Only the open follow-up came along, pointing back at its original, which now says where it went.
    expect(week2.followUps).toHaveLength(1);
    const carried = week2.followUps[0]!;
    expect(carried).toMatchObject({ text: 'Draft tier names', owner: 'Ben', dueDate: '2026-11-05', done: false });
    expect(carried.carriedFrom).toEqual({ meetingId: week1.id, followUpId: week1.followUps[0]!.id });
    const original = value<Meeting>(library, 'meetings.get', { id: week1.id }).followUps[0]!;
    expect(original.carriedTo).toBe(week2.id);

    // Starting carries again, but adds nothing twice; the original can no longer be changed in place.
    const started = value<Meeting>(library, 'meetings.start', { id: week2.id });
    expect(started.followUps).toHaveLength(1);
    expect(errorCode(library, 'followUps.update', { meetingId: week1.id, followUpId: original.id, changes: { done: true } })).toBe(
      'conflict',
    );

    // Marking it done in week 2 keeps it out of week 3; a follow-up added in week 2 goes on instead.
    let now = value<Meeting>(library, 'followUps.update', { meetingId: week2.id, followUpId: carried.id, changes: { done: true } });
    expect(now.followUps[0]!.doneAt).not.toBeNull();
    now = value<Meeting>(library, 'followUps.add', { meetingId: week2.id, text: 'Ask support about trials' });
    value(library, 'meetings.end', { id: week2.id, skip: true });
    const week3 = value<Meeting>(library, 'meetings.createNext', { id: week2.id, scheduledAt: '2026-11-16T09:00:00Z' });
    expect(week3.seriesId).toBe(week2.seriesId);
    expect(week3.followUps.map((f) => f.text)).toEqual(['Ask support about trials']);
  });

  it('carries follow-ups raised after the next meeting was planned when it starts, from ended meetings only', () => {
    const library = start();
    const series = value<{ id: string }>(library, 'series.create', { name: 'Support sync' });
    const draft = (day: string) => ({
      title: 'Support sync',
      scheduledAt: `2026-11-${day}T09:00:00Z`,
      seriesId: series.id,
      agenda: [{ title: 'Queue' }],
    });
    const first = value<Meeting>(library, 'meetings.create', draft('02'));
    const second = value<Meeting>(library, 'meetings.create', draft('09'));
    const third = value<Meeting>(library, 'meetings.create', draft('16'));
    const other = value<Meeting>(library, 'meetings.create', { ...draft('03'), seriesId: null, title: 'Not in the series' });
    value(library, 'meetings.start', { id: first.id });
    value(library, 'followUps.add', { meetingId: first.id, text: 'Macro for refunds' });
    value(library, 'meetings.end', { id: first.id, skip: true });
    value(library, 'followUps.add', { meetingId: other.id, text: 'Unrelated' });
    // Week 2 is still to come: starting week 3 early must not take week 2's follow-ups.
    value(library, 'followUps.add', { meetingId: second.id, text: 'Agenda for the offsite' });
    const started = value<Meeting>(library, 'meetings.start', { id: second.id });
    expect(started.followUps.map((f) => f.text)).toEqual(['Agenda for the offsite', 'Macro for refunds']);
    const thirdStarted = value<Meeting>(library, 'meetings.start', { id: third.id });
    expect(thirdStarted.followUps).toEqual([]);
    expect(value<Meeting>(library, 'meetings.get', { id: second.id }).followUps.every((f) => f.carriedTo === null)).toBe(true);
  });

  it('two meetings of a series at the same time do not pass a follow-up back and forth', () => {
    const library = start();
    const series = value<{ id: string }>(library, 'series.create', { name: 'Sync' });
    const draft = { title: 'Sync', scheduledAt: '2026-11-02T09:00:00Z', seriesId: series.id, agenda: [{ title: 'Queue' }] };
    const first = value<Meeting>(library, 'meetings.create', draft);
    const second = value<Meeting>(library, 'meetings.create', draft);
    // Made in the same millisecond, their ids decide which is earlier: hand on from the earlier one.
    const [a, b] = isEarlier(first, second) ? [first, second] : [second, first];
    value(library, 'meetings.start', { id: a.id });
    value(library, 'followUps.add', { meetingId: a.id, text: 'Call Priya' });
    value(library, 'meetings.end', { id: a.id, skip: true });
    expect(value<Meeting>(library, 'meetings.start', { id: b.id }).followUps.map((f) => f.text)).toEqual(['Call Priya']);
    value(library, 'meetings.end', { id: b.id, skip: true });
    const aAfter = value<Meeting>(library, 'meetings.get', { id: a.id });
    expect(aAfter.followUps).toHaveLength(1);
    expect(aAfter.followUps[0]!.carriedTo).toBe(b.id);
  });

  it('deleting the meeting a follow-up was carried into opens the original again, to carry to the next one', () => {
    const library = start();
    const { week1 } = firstWeek(library);
    const week2 = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-09T09:00:00Z' });
    expect(week2.followUps).toHaveLength(1);
    value(library, 'meetings.delete', { id: week2.id });
    const original = value<Meeting>(library, 'meetings.get', { id: week1.id }).followUps[0]!;
    expect(original.carriedTo).toBeNull();
    value(library, 'followUps.update', { meetingId: week1.id, followUpId: original.id, changes: { owner: 'Chloé' } });
    const again = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-10T09:00:00Z' });
    expect(again.followUps.map((f) => [f.text, f.owner])).toEqual([['Draft tier names', 'Chloé']]);
  });

  it('refuses a next meeting that is not after the one it follows, and leaves no series behind', () => {
    const dir = tempDir();
    const library = start(dir);
    const { week1 } = firstWeek(library);
    const before = snapshotFiles(dir);
    expect(errorCode(library, 'meetings.createNext', { id: week1.id, scheduledAt: week1.scheduledAt })).toBe('invalid_input');
    expect(errorCode(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-01T09:00:00Z' })).toBe('invalid_input');
    expect(snapshotFiles(dir)).toEqual(before);
    expect(value<Library>(library, 'library.get', {}).series).toEqual([]);
  });

  it("gives the next meeting a title of its own: the day it is on, (2) when taken, the lead's title when given", () => {
    const library = start();
    const { week1 } = firstWeek(library);
    const week2 = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-09T09:00:00Z' });
    expect(week2.title).toBe('Weekly pricing review (2026-11-09)');
    // The next of the next replaces the day instead of piling days up.
    const week3 = value<Meeting>(library, 'meetings.createNext', { id: week2.id, scheduledAt: '2026-11-16T09:00:00Z' });
    expect(week3.title).toBe('Weekly pricing review (2026-11-16)');
    // A second meeting on the same day is numbered; the list never holds two identical titles from "next".
    const again = value<Meeting>(library, 'meetings.createNext', { id: week2.id, scheduledAt: '2026-11-16T15:00:00Z' });
    expect(again.title).toBe('Weekly pricing review (2026-11-16) (2)');
    const titles = value<Library>(library, 'library.get', {}).meetings.map((m) => m.title);
    expect(new Set(titles).size).toBe(titles.length);
    // The title the lead typed in the dialog is used as given.
    const named = value<Meeting>(library, 'meetings.createNext', {
      id: week1.id,
      scheduledAt: '2026-11-23T09:00:00Z',
      title: 'Pricing, week 4',
    });
    expect(named.title).toBe('Pricing, week 4');
  });

  it('keeps a next title within the limit, shortening a 200-character base visibly, and refuses a typed title of 201', () => {
    const library = start();
    const long = value<Meeting>(library, 'meetings.create', {
      title: 'x'.repeat(LIMITS.titleMax),
      scheduledAt: '2026-11-02T09:00:00Z',
      agenda: [{ title: 'One' }],
    });
    const next = value<Meeting>(library, 'meetings.createNext', { id: long.id, scheduledAt: '2026-11-09T09:00:00Z' });
    expect(next.title).toHaveLength(LIMITS.titleMax);
    expect(next.title.endsWith('x… (2026-11-09)')).toBe(true);
    const atLimit = value<Meeting>(library, 'meetings.createNext', {
      id: long.id,
      scheduledAt: '2026-11-10T09:00:00Z',
      title: 'y'.repeat(LIMITS.titleMax),
    });
    expect(atLimit.title).toBe('y'.repeat(LIMITS.titleMax));
    const count = value<Library>(library, 'library.get', {}).meetings.length;
    expect(
      errorCode(library, 'meetings.createNext', {
        id: long.id,
        scheduledAt: '2026-11-11T09:00:00Z',
        title: 'y'.repeat(LIMITS.titleMax + 1),
      }),
    ).toBe('invalid_input');
    expect(value<Library>(library, 'library.get', {}).meetings).toHaveLength(count);
  });

  it('names a new series after its meeting, numbered when the name is taken', () => {
    const library = start();
    const a = firstWeek(library).week1;
    const b = firstWeek(library).week1;
    value(library, 'meetings.createNext', { id: a.id, scheduledAt: '2026-11-09T09:00:00Z' });
    value(library, 'meetings.createNext', { id: b.id, scheduledAt: '2026-11-09T09:00:00Z' });
    expect(value<Library>(library, 'library.get', {}).series.map((s) => s.name)).toEqual([
      'Weekly pricing review',
      'Weekly pricing review (2)',
    ]);
  });

  it('an imported meeting drops series and carry links into meetings this library does not have', () => {
    const library = start();
    const { week1 } = firstWeek(library);
    const week2 = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-09T09:00:00Z' });
    const elsewhere = start();
    const imported = value<Meeting>(elsewhere, 'meetings.import', { meeting: week2, personas: [] });
    expect(imported.seriesId).toBeNull();
    expect(imported.followUps[0]!.carriedFrom).toBeNull();
    const original = value<Meeting>(elsewhere, 'meetings.import', {
      meeting: value<Meeting>(library, 'meetings.get', { id: week1.id }),
      personas: [],
    });
    expect(original.followUps[0]!.carriedTo).toBe(imported.id); // that meeting is here: the link stays
    // Exported back into a library holding both, links are kept.
    const copy = value<Meeting>(library, 'meetings.import', { meeting: week2, personas: [], asCopy: true });
    expect(copy.seriesId).toBe(week2.seriesId);
  });

  it('restoring a removed follow-up brings back exactly what was removed', () => {
    const library = start();
    const { week1 } = firstWeek(library);
    const removed = week1.followUps[1]!; // the one marked done
    const after = value<Meeting>(library, 'followUps.remove', { meetingId: week1.id, followUpId: removed.id });
    expect(after.followUps.map((f) => f.id)).not.toContain(removed.id);
    const restored = value<Meeting>(library, 'followUps.restore', { meetingId: week1.id, index: 1, followUp: removed });
    expect(restored.followUps[1]).toEqual(removed);
    expect(errorCode(library, 'followUps.restore', { meetingId: week1.id, index: 1, followUp: removed })).toBe('conflict');
  });

  it('refuses an unknown series and keeps files unchanged', () => {
    const dir = tempDir();
    const library = start(dir);
    const before = snapshotFiles(dir);
    expect(errorCode(library, 'meetings.create', { title: 'X', scheduledAt: '2026-11-02T09:00:00Z', seriesId: 'no-such-series' })).toBe(
      'not_found',
    );
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('follow-ups: limit at limit and limit+1, a decision must exist, removal', () => {
    const library = start();
    const meeting = value<Meeting>(library, 'meetings.create', {
      title: 'M',
      scheduledAt: '2026-11-02T09:00:00Z',
      agenda: [{ title: 'A' }],
    });
    expect(errorCode(library, 'followUps.add', { meetingId: meeting.id, text: 'x', decisionId: 'missing' })).toBe('not_found');
    const withDecision = value<Meeting>(library, 'decisions.add', {
      meetingId: meeting.id,
      itemId: meeting.agenda[0]!.id,
      decision: { text: 'Ship' },
    });
    const decisionId = withDecision.agenda[0]!.decisions[0]!.id;
    value(library, 'followUps.add', { meetingId: meeting.id, text: 'Ship', decisionId });
    expect(errorCode(library, 'followUps.add', { meetingId: meeting.id, text: 'Ship again', decisionId })).toBe('conflict');
    value(library, 'followUps.remove', {
      meetingId: meeting.id,
      followUpId: value<Meeting>(library, 'meetings.get', { id: meeting.id }).followUps[0]!.id,
    });
    expect(errorCode(library, 'followUps.add', { meetingId: meeting.id, text: 'x'.repeat(LIMITS.decisionTextMax + 1) })).toBe(
      'invalid_input',
    );
    let latest = value<Meeting>(library, 'followUps.add', { meetingId: meeting.id, text: 'x'.repeat(LIMITS.decisionTextMax) });
    for (let i = latest.followUps.length; i < LIMITS.followUpsMax; i++) {
      latest = value<Meeting>(library, 'followUps.add', { meetingId: meeting.id, text: `Follow-up ${i}` });
    }
    expect(latest.followUps).toHaveLength(LIMITS.followUpsMax);
    expect(errorCode(library, 'followUps.add', { meetingId: meeting.id, text: 'one too many' })).toBe('limit_exceeded');
    latest = value<Meeting>(library, 'followUps.remove', { meetingId: meeting.id, followUpId: latest.followUps[0]!.id });
    expect(latest.followUps).toHaveLength(LIMITS.followUpsMax - 1);
  });
});

describe('templates', () => {
  it('saves a meeting as a template and creates a meeting from it, in its series with follow-ups carried', () => {
    const library = start();
    const { week1 } = firstWeek(library);
    const week2 = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-09T09:00:00Z' });
    const template = value<Template>(library, 'templates.create', { meetingId: week2.id, name: 'Weekly pricing' });
    expect(template.agenda.map((i) => i.title)).toEqual(['Tiers', 'Trial']);
    expect(value<Library>(library, 'library.get', {}).templates.map((t) => t.name)).toEqual(['Weekly pricing']);

    // Week 2 ends without closing its carried follow-up: the template's meeting picks it up.
    value(library, 'meetings.start', { id: week2.id });
    value(library, 'meetings.end', { id: week2.id, skip: true });
    const fromTemplate = value<Meeting>(library, 'meetings.createFromTemplate', {
      templateId: template.id,
      scheduledAt: '2026-11-16T09:00:00Z',
      title: 'Pricing, week 3',
    });
    expect(fromTemplate).toMatchObject({ title: 'Pricing, week 3', seriesId: week2.seriesId, lead: 'Ana', participants: ['Ben'] });
    expect(fromTemplate.agenda.map((i) => i.title)).toEqual(['Tiers', 'Trial']);
    expect(fromTemplate.followUps.map((f) => f.text)).toEqual(['Draft tier names']);

    value(library, 'templates.delete', { id: template.id });
    expect(errorCode(library, 'meetings.createFromTemplate', { templateId: template.id, scheduledAt: '2026-11-23T09:00:00Z' })).toBe(
      'not_found',
    );
  });

  it('holds at most LIMITS.templatesMax templates', () => {
    const library = start();
    const meeting = value<Meeting>(library, 'meetings.create', { title: 'M', scheduledAt: '2026-11-02T09:00:00Z' });
    for (let i = 0; i < LIMITS.templatesMax; i++) value(library, 'templates.create', { meetingId: meeting.id, name: `T${i}` });
    expect(value<Library>(library, 'library.get', {}).templates).toHaveLength(LIMITS.templatesMax);
    expect(errorCode(library, 'templates.create', { meetingId: meeting.id, name: 'one more' })).toBe('limit_exceeded');
  });
});

describe('outcome check-back', () => {
  it('asks in the next meeting of the series once the review date comes, and records predicted against actual', () => {
    const library = start();
    const { week1, decisionId } = firstWeek(library);
    const early = value<Meeting>(library, 'meetings.createNext', { id: week1.id, scheduledAt: '2026-11-08T09:00:00Z' });
    expect(value<LedgerEntry[]>(library, 'checkBacks.list', { meetingId: early.id })).toEqual([]); // review date not yet come
    const week2 = value<Meeting>(library, 'meetings.createNext', { id: early.id, scheduledAt: '2026-11-09T09:00:00Z' });
    const due = value<LedgerEntry[]>(library, 'checkBacks.list', { meetingId: week2.id });
    expect(due.map((e) => [e.decisionId, e.direction, e.reviewDate])).toEqual([[decisionId, 'helps', '2026-11-09']]);

    // A meeting outside the series does not ask about it.
    const elsewhere = value<Meeting>(library, 'meetings.create', { title: 'Other', scheduledAt: '2026-11-20T09:00:00Z' });
    expect(value<LedgerEntry[]>(library, 'checkBacks.list', { meetingId: elsewhere.id })).toEqual([]);

    const saved = value<Meeting>(library, 'decisions.recordOutcome', {
      meetingId: week1.id,
      decisionId,
      outcome: { direction: 'mixed', note: 'Tier names confused two customers' },
      askedIn: week2.id,
    });
    expect(saved.id).toBe(week1.id);
    expect(saved.agenda[0]!.decisions[0]!.outcome).toMatchObject({ direction: 'mixed', meetingId: week2.id, by: 'Ana' });
    // Still listed (answered) where it was asked; gone from later meetings of the series.
    expect(value<LedgerEntry[]>(library, 'checkBacks.list', { meetingId: week2.id })[0]!.outcome?.direction).toBe('mixed');
    const week3 = value<Meeting>(library, 'meetings.createNext', { id: week2.id, scheduledAt: '2026-11-16T09:00:00Z' });
    expect(value<LedgerEntry[]>(library, 'checkBacks.list', { meetingId: week3.id })).toEqual([]);

    const ledger = value<LedgerResult>(library, 'ledger.search', { review: 'reviewed' });
    expect(ledger.entries.map((e) => [e.direction, e.outcome?.direction])).toEqual([['helps', 'mixed']]);
    expect(ledger.predictions).toMatchObject({ reviewed: 1, held: 0, heldRate: 0 });
    expect(value<LedgerResult>(library, 'ledger.search', { review: 'pending' }).total).toBe(0);
    expect(value<LedgerResult>(library, 'ledger.search', { seriesIds: [week1.seriesId ?? week2.seriesId] }).total).toBe(1);
    expect(value<LedgerResult>(library, 'ledger.search', { seriesIds: ['another-series'] }).total).toBe(0);

    // Taking the outcome back makes it due again.
    value(library, 'decisions.recordOutcome', { meetingId: week1.id, decisionId, outcome: null, askedIn: null });
    expect(value<LedgerEntry[]>(library, 'checkBacks.list', { meetingId: week3.id }).map((e) => e.decisionId)).toEqual([decisionId]);
  });

  it('counts how often predictions held, leaving "unknown" predictions out of the rate', () => {
    const outcome = (direction: 'helps' | 'hurts' | 'mixed' | 'neutral' | 'unknown') => ({ direction, meetingId: null });
    const stats = predictionStats([
      { direction: 'helps', outcome: outcome('helps') },
      { direction: 'helps', outcome: outcome('hurts') },
      { direction: 'hurts', outcome: outcome('hurts') },
      { direction: 'unknown', outcome: outcome('helps') },
      { direction: 'neutral', outcome: null },
    ]);
    expect(stats).toMatchObject({ reviewed: 3, held: 2 });
    expect(stats.heldRate).toBeCloseTo(2 / 3);
    expect(stats.matrix.helps.hurts).toBe(1);
    expect(stats.matrix.unknown.helps).toBe(1);
    expect(predictionStats([]).heldRate).toBeNull();
  });

  it("the due rule uses the meeting's local day, not its UTC day", () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Australia/Sydney';
    try {
      // 09:00 on 10 Nov in Sydney is 22:00 on 9 Nov in UTC.
      const decision = {
        meetingId: 'a',
        seriesId: null,
        scheduledAt: '2026-11-01T22:00:00Z',
        direction: 'helps' as const,
        reviewDate: '2026-11-10',
        outcome: null,
      };
      expect(isCheckBackFor(decision, { id: 'b', seriesId: null, scheduledAt: '2026-11-09T22:00:00Z' })).toBe(true);
      expect(isCheckBackFor(decision, { id: 'b', seriesId: null, scheduledAt: '2026-11-08T22:00:00Z' })).toBe(false);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('the due rule: review date on or before the meeting day, earlier meeting, same series or none', () => {
    const decision = {
      meetingId: 'a',
      seriesId: 's',
      scheduledAt: '2026-11-02T09:00:00Z',
      direction: 'helps' as const,
      reviewDate: '2026-11-09',
      outcome: null,
    };
    const meeting = { id: 'b', seriesId: 's', scheduledAt: '2026-11-09T08:00:00Z' };
    expect(isCheckBackFor(decision, meeting)).toBe(true);
    expect(isCheckBackFor(decision, { ...meeting, scheduledAt: '2026-11-08T23:00:00Z' })).toBe(false);
    expect(isCheckBackFor(decision, { ...meeting, seriesId: 'other' })).toBe(false);
    expect(isCheckBackFor({ ...decision, seriesId: null }, { ...meeting, seriesId: 'other' })).toBe(true);
    expect(isCheckBackFor({ ...decision, reviewDate: null }, meeting)).toBe(false);
    expect(isCheckBackFor(decision, { ...meeting, id: 'a' })).toBe(false);
    expect(isCheckBackFor({ ...decision, outcome: { direction: 'helps', meetingId: 'c' } }, meeting)).toBe(false);
    expect(isCheckBackFor({ ...decision, outcome: { direction: 'helps', meetingId: 'b' } }, meeting)).toBe(true);
  });
});
