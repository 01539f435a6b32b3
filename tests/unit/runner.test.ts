import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName } from '../../shared/api';
import { chairCoverage, gateState } from '../../shared/coverage';
import type { Meeting } from '../../shared/domain';
import { LIMITS } from '../../shared/limits';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { open, sampleDraft, snapshotFiles, tempDir } from './helpers';

let library: OpenLibrary;
let dir: string;
afterEach(() => library?.close());

function call<M extends MethodName>(method: M, input: MethodInput<M>) {
  return dispatch(library.service, method, input);
}
function ok(result: ReturnType<typeof call>): Meeting {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as Meeting;
}
function runningMeeting(): Meeting {
  dir = tempDir();
  library = open(dir);
  const persona = dispatch(library.service, 'personas.create', { name: 'Priya' });
  const personaId = (persona as { value: { id: string } }).value.id;
  const meeting = ok(call('meetings.create', sampleDraft({ personaIds: [personaId] })));
  return ok(call('meetings.start', { id: meeting.id }));
}
const item = (meeting: Meeting, index: number) => meeting.agenda[index]!;

describe('running a meeting', () => {
  it('starts at the first item and records when each item became current', () => {
    const meeting = runningMeeting();
    expect(meeting.status).toBe('running');
    expect(meeting.currentItemId).toBe(item(meeting, 0).id);
    expect(item(meeting, 0).startedAt).not.toBeNull();
    expect(item(meeting, 1).startedAt).toBeNull();
  });

  it('refuses to start a meeting with no agenda', () => {
    dir = tempDir();
    library = open(dir);
    const meeting = ok(call('meetings.create', sampleDraft({ agenda: [] })));
    expect(call('meetings.start', { id: meeting.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('the gate refuses to move past an unanswered item and changes nothing', () => {
    const meeting = runningMeeting();
    const before = snapshotFiles(dir);
    const refused = call('meetings.next', { id: meeting.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'gate_closed' } });
    if (!refused.ok) expect(refused.error.message).toContain('How does this affect the customer?');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('a whitespace-only answer does not open the gate', () => {
    const meeting = runningMeeting();
    ok(call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text: '   \n\t ' } }));
    expect(call('meetings.next', { id: meeting.id })).toMatchObject({ ok: false, error: { code: 'gate_closed' } });
  });

  it('answer, no impact with a reason, and skip each open the gate, and produce the counts', () => {
    let meeting = runningMeeting();
    const [first, second, third] = meeting.agenda;
    ok(
      call('chair.answer', {
        meetingId: meeting.id,
        itemId: first!.id,
        changes: { text: 'Bills get clearer', direction: 'helps', severity: 2 },
      }),
    );
    meeting = ok(call('meetings.next', { id: meeting.id }));
    expect(meeting.currentItemId).toBe(second!.id);

    expect(call('chair.noImpact', { meetingId: meeting.id, itemId: second!.id, reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    ok(call('chair.noImpact', { meetingId: meeting.id, itemId: second!.id, reason: 'Internal refactor only' }));
    meeting = ok(call('meetings.next', { id: meeting.id }));
    expect(meeting.currentItemId).toBe(third!.id);

    expect(call('meetings.end', { id: meeting.id })).toMatchObject({ ok: false, error: { code: 'gate_closed' } });
    meeting = ok(call('meetings.end', { id: meeting.id, skip: true }));
    expect(meeting.status).toBe('ended');
    expect(meeting.agenda.map(gateState)).toEqual(['answered', 'no-impact', 'skipped']);
    expect(chairCoverage(meeting)).toEqual({ discussed: 3, covered: 2, answered: 1, noImpact: 1, skipped: 1, ratio: 2 / 3 });
  });

  it('coverage counts only items discussed so far', () => {
    const meeting = runningMeeting();
    expect(chairCoverage(meeting)).toMatchObject({ discussed: 1, covered: 0, ratio: 0 });
    const answered = ok(call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text: 'Yes' } }));
    expect(chairCoverage(answered)).toMatchObject({ discussed: 1, covered: 1, ratio: 1 });
  });

  it('previous and next keep the place, and an answer given later replaces a skip', () => {
    let meeting = runningMeeting();
    meeting = ok(call('meetings.next', { id: meeting.id, skip: true }));
    meeting = ok(call('meetings.previous', { id: meeting.id }));
    expect(meeting.currentItemId).toBe(item(meeting, 0).id);
    expect(gateState(item(meeting, 0))).toBe('skipped');
    meeting = ok(call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text: 'Now we know' } }));
    expect(gateState(item(meeting, 0))).toBe('answered');
    expect(call('meetings.previous', { id: meeting.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('resumes at the same item after a restart, answers kept', () => {
    let meeting = runningMeeting();
    ok(call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text: 'Kept', direction: 'mixed' } }));
    meeting = ok(call('meetings.next', { id: meeting.id }));
    library.close();
    library = open(dir);
    const reloaded = ok(call('meetings.get', { id: meeting.id }));
    expect(reloaded.currentItemId).toBe(item(meeting, 1).id);
    expect(item(reloaded, 0).answer).toMatchObject({ text: 'Kept', direction: 'mixed' });
  });
});

describe('chair answers and follow-ups', () => {
  it('an "unknown" answer raises one "Find out from customers" follow-up with an owner', () => {
    const meeting = runningMeeting();
    const target = item(meeting, 0);
    let updated = ok(
      call('chair.answer', { meetingId: meeting.id, itemId: target.id, changes: { text: 'Not sure', direction: 'unknown' } }),
    );
    updated = ok(call('chair.answer', { meetingId: meeting.id, itemId: target.id, changes: { text: 'Not sure yet' } }));
    expect(updated.followUps).toHaveLength(1);
    expect(updated.followUps[0]).toMatchObject({
      source: 'unknown-impact',
      text: `Find out from customers: ${target.title}`,
      owner: 'Ben',
      itemId: target.id,
      done: false,
    });
    updated = ok(call('chair.answer', { meetingId: meeting.id, itemId: target.id, changes: { direction: 'helps' } }));
    expect(updated.followUps).toHaveLength(0);
  });

  it('a follow-up owner given with the answer is used, and a done follow-up stays', () => {
    const meeting = runningMeeting();
    const target = item(meeting, 0);
    let updated = ok(
      call('chair.answer', {
        meetingId: meeting.id,
        itemId: target.id,
        changes: { text: '?', direction: 'unknown' },
        followUpOwner: 'Chloé',
      }),
    );
    expect(updated.followUps[0]!.owner).toBe('Chloé');
    ok(call('followUps.update', { meetingId: meeting.id, followUpId: updated.followUps[0]!.id, changes: { done: true } }));
    updated = ok(call('chair.answer', { meetingId: meeting.id, itemId: target.id, changes: { direction: 'helps' } }));
    expect(updated.followUps).toHaveLength(1);
  });

  it('answers keep emoji, right-to-left text and HTML exactly, up to the limit', () => {
    const meeting = runningMeeting();
    const text = '👩🏽‍💼 שלום <img src=x onerror=alert(1)> \u202Eevil';
    const updated = ok(call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text } }));
    expect(item(updated, 0).answer!.text).toBe(text);
    expect(
      call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text: 'x'.repeat(LIMITS.answerMax) } }),
    ).toMatchObject({ ok: true });
    expect(
      call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { text: 'x'.repeat(LIMITS.answerMax + 1) } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('answers can only name personas who sit in this chair', () => {
    const meeting = runningMeeting();
    expect(
      call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { personaIds: ['stranger'] } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const withPersona = ok(
      call('chair.answer', { meetingId: meeting.id, itemId: item(meeting, 0).id, changes: { personaIds: meeting.personaIds } }),
    );
    expect(item(withPersona, 0).answer!.personaIds).toEqual(meeting.personaIds);
  });
});

describe('decisions', () => {
  it('logs a decision with a built-in and a custom tag, attributed, and edits its direction', () => {
    const meeting = runningMeeting();
    const custom = dispatch(library.service, 'tags.create', { label: 'Churn risk' });
    const customId = (custom as { value: { id: string } }).value.id;
    let updated = ok(
      call('decisions.add', {
        meetingId: meeting.id,
        itemId: item(meeting, 0).id,
        decision: { text: 'Launch usage pricing in May', owner: 'Ben', dueDate: '2026-05-01', tagIds: ['pricing', customId] },
      }),
    );
    const decision = item(updated, 0).decisions[0]!;
    expect(decision).toMatchObject({ text: 'Launch usage pricing in May', direction: 'unknown', dueDate: '2026-05-01' });
    expect(decision.tags.map((t) => [t.tagId, t.by])).toEqual([
      ['pricing', 'Ana'],
      [customId, 'Ana'],
    ]);
    updated = ok(call('decisions.update', { meetingId: meeting.id, decisionId: decision.id, changes: { direction: 'hurts' } }));
    expect(item(updated, 0).decisions[0]!.directionSetBy?.by).toBe('Ana');
    updated = ok(call('decisions.tag', { meetingId: meeting.id, decisionId: decision.id, tagId: 'pricing' }));
    expect(item(updated, 0).decisions[0]!.tags).toHaveLength(2);
  });

  it('refuses empty decisions and unknown tags, changing nothing', () => {
    const meeting = runningMeeting();
    const before = snapshotFiles(dir);
    expect(call('decisions.add', { meetingId: meeting.id, itemId: item(meeting, 0).id, decision: { text: '   ' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      call('decisions.add', { meetingId: meeting.id, itemId: item(meeting, 0).id, decision: { text: 'x', tagIds: ['no-such-tag'] } }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      call('decisions.add', { meetingId: meeting.id, itemId: item(meeting, 0).id, decision: { text: 'x', dueDate: '2026-02-30' } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it(`takes ${LIMITS.decisionsPerItemMax} decisions on an item and refuses one more, leaving the meeting in memory and on disk as it was`, () => {
    const meeting = runningMeeting();
    const itemId = item(meeting, 0).id;
    let full = meeting;
    for (let i = 0; i < LIMITS.decisionsPerItemMax; i++)
      full = ok(call('decisions.add', { meetingId: meeting.id, itemId, decision: { text: `Decision ${i}` } }));
    expect(item(full, 0).decisions).toHaveLength(LIMITS.decisionsPerItemMax);
    const before = snapshotFiles(dir);
    const heldBefore = JSON.stringify(full);
    // The change is made on a copy (the new decision is pushed, then the whole meeting is
    // validated): the refusal must leave no trace, not even in the objects already handed out.
    expect(call('decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'One too many' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(JSON.stringify(full)).toBe(heldBefore);
    expect(item(ok(call('meetings.get', { id: meeting.id })), 0).decisions).toHaveLength(LIMITS.decisionsPerItemMax);
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('removing a decision can be undone, in place', () => {
    const meeting = runningMeeting();
    const itemId = item(meeting, 0).id;
    ok(call('decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'First' } }));
    const two = ok(call('decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'Second' } }));
    const first = item(two, 0).decisions[0]!;
    const removed = ok(call('decisions.remove', { meetingId: meeting.id, decisionId: first.id }));
    expect(item(removed, 0).decisions.map((d) => d.text)).toEqual(['Second']);
    const restored = ok(call('decisions.restore', { meetingId: meeting.id, itemId, index: 0, decision: first }));
    expect(item(restored, 0).decisions).toEqual(item(two, 0).decisions);
    expect(call('decisions.restore', { meetingId: meeting.id, itemId, index: 0, decision: first })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});

describe('first run', () => {
  it('creates a sample meeting with a persona in the chair', () => {
    dir = tempDir();
    library = open(dir);
    const sample = ok(call('samples.create', {}));
    expect(sample.agenda).toHaveLength(3);
    expect(sample.personaIds).toHaveLength(1);
    expect(library.service.library().personas[0]!.quotes.length).toBeGreaterThan(1);
  });
});
