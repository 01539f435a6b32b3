/**
 * Issue 18 §3 (major): taking a participant's proposal never loses the lead's answer. With an answer
 * there, the default adds the proposal below it; replacing is a choice; either is undone by
 * `proposals.undoAccept`, which puts the answer back whole. The proposer stays credited (the
 * accepted proposal), and so does the answer's author. Through the dispatcher, with the files on disk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Proposal } from '../../shared/domain';
import { LIMITS } from '../../shared/limits';
import { buildParticipantView } from '../../shared/participantView';
import { closeNow, closeOpened, freshLibrary, openTemp, sampleDraft, snapshotFiles, valueOf } from './helpers';

afterEach(closeOpened);

const AT = '2026-11-24T09:40:00.000Z';

function proposal(id: string, by: string, text: string, direction: Proposal['direction'] = null): Proposal {
  return { id, by, at: AT, text, direction, status: 'open' };
}

/** A meeting whose first item has two participants' proposals (proposals come from participants; an import carries them). */
function setUp(
  proposals: Proposal[] = [proposal('p-ben', 'Ben', 'Fewer surprises on the bill', 'helps'), proposal('p-chloe', 'Chloé', 'They pay more')],
) {
  const lib = freshLibrary();
  const created = lib.value<Meeting>('meetings.create', sampleDraft({ lead: 'Ana' }));
  const copy = structuredClone(created);
  copy.agenda[0]!.proposals = proposals;
  const meeting = lib.value<Meeting>('meetings.import', { meeting: copy, personas: [], asCopy: true });
  const itemId = meeting.agenda[0]!.id;
  const onItem = { meetingId: meeting.id, itemId };
  const item = (m: Meeting = lib.value<Meeting>('meetings.get', { id: meeting.id })) => m.agenda.find((i) => i.id === itemId)!;
  /** The meeting's file and its save journal: what is on disk. */
  const onDisk = () => Object.values(snapshotFiles(lib.dir)).join('\n');
  const answer = (text: string, direction: string | null = 'hurts') =>
    lib.value<Meeting>('chair.answer', { ...onItem, changes: { text, direction } });
  return { ...lib, meeting, onItem, item, onDisk, answer };
}

describe('proposals.accept', () => {
  it('with no answer yet, the proposal becomes the answer, credited to its proposer (either mode)', () => {
    const t = setUp();
    const after = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben' });
    expect(t.item(after).answer).toMatchObject({ text: 'Fewer surprises on the bill', direction: 'helps', by: 'Ben', at: AT });
    expect(t.item(after).proposals.map((p) => p.status)).toEqual(['accepted', 'open']);
  });

  it("by default adds the proposal below the lead's answer: the lead's text, author and direction stay, the proposer is credited", () => {
    const t = setUp();
    t.answer('Checkout takes longer for them');
    const after = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben' });
    const answer = t.item(after).answer!;
    expect(answer.text).toBe('Checkout takes longer for them\n\nFewer surprises on the bill');
    expect(answer).toMatchObject({ by: 'Ana', direction: 'hurts' });
    expect(t.item(after).proposals[0]).toMatchObject({ by: 'Ben', status: 'accepted' });
    // On disk too: the lead's words are in the last save.
    expect(t.onDisk()).toContain('Checkout takes longer for them\\n\\nFewer surprises on the bill');
  });

  it('append with an answer that has no direction yet takes the proposal’s', () => {
    const t = setUp();
    t.answer('Slower checkout', null);
    const after = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'append' });
    expect(t.item(after).answer).toMatchObject({ text: 'Slower checkout\n\nFewer surprises on the bill', direction: 'helps', by: 'Ana' });
  });

  it('append onto an answer with a direction but no text keeps the lead’s direction and authorship, and takes the text', () => {
    const t = setUp();
    t.answer('', 'hurts');
    const after = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'append' });
    expect(t.item(after).answer).toMatchObject({ text: 'Fewer surprises on the bill', direction: 'hurts', by: 'Ana' });
    expect(t.item(after).proposals[0]).toMatchObject({ by: 'Ben', status: 'accepted' });
  });

  it('replace puts the proposal in place of the answer; undo brings the answer back whole and opens the proposal again', () => {
    const t = setUp();
    const answered = t.answer('Checkout takes longer for them');
    const before = t.item(answered).answer!;
    const replaced = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'replace' });
    expect(t.item(replaced).answer).toMatchObject({ text: 'Fewer surprises on the bill', direction: 'helps', by: 'Ben' });
    const undone = t.value<Meeting>('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' });
    expect(t.item(undone).answer).toEqual(before);
    expect(t.item(undone).proposals.map((p) => p.status)).toEqual(['open', 'open']);
    // Once undone, there is nothing more to undo.
    expect(t.call('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // After a restart, the answer read from disk is the lead's.
    closeNow(t.library);
    const reopened = valueOf<Meeting>(openTemp(t.dir), 'meetings.get', { id: t.meeting.id });
    expect(t.item(reopened).answer).toEqual(before);
  });

  it('undo of an accept onto an empty item leaves no answer and takes back the "unknown" follow-up it raised', () => {
    const t = setUp([proposal('p-ben', 'Ben', 'Nobody knows yet', 'unknown')]);
    const accepted = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben' });
    expect(accepted.followUps.filter((f) => f.source === 'unknown-impact')).toHaveLength(1);
    const undone = t.value<Meeting>('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' });
    expect(t.item(undone).answer).toBeNull();
    expect(undone.followUps.filter((f) => f.source === 'unknown-impact')).toHaveLength(0);
  });

  it('undo is refused, changing nothing, once the answer changed after the accept', () => {
    const t = setUp();
    t.answer('Checkout takes longer for them');
    t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'replace' });
    t.answer('Fewer surprises on the bill, and a clearer total');
    const files = snapshotFiles(t.dir);
    const result = t.call('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('changed') } });
    expect(snapshotFiles(t.dir)).toEqual(files);
    expect(t.item().answer!.text).toBe('Fewer surprises on the bill, and a clearer total');
  });

  it('undo of a proposal never accepted, or of one that does not exist, is refused with a typed error', () => {
    const t = setUp();
    expect(t.call('proposals.undoAccept', { ...t.onItem, proposalId: 'p-chloe' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(t.call('proposals.undoAccept', { ...t.onItem, proposalId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.call('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'merge' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('append fits exactly at the answer limit and is refused one character past it, changing nothing', () => {
    const text = 'Fewer surprises on the bill';
    const room = LIMITS.answerMax - text.length - 2;
    const t = setUp([proposal('p-1', 'Ben', text), proposal('p-2', 'Chloé', text)]);
    t.answer('a'.repeat(room));
    const fits = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-1' });
    expect(t.item(fits).answer!.text).toHaveLength(LIMITS.answerMax);

    const u = setUp([proposal('p-1', 'Ben', text)]);
    u.answer('a'.repeat(room + 1));
    const files = snapshotFiles(u.dir);
    const refused = u.call('proposals.accept', { ...u.onItem, proposalId: 'p-1' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'limit_exceeded', message: expect.stringContaining(String(LIMITS.answerMax)) },
    });
    expect(snapshotFiles(u.dir)).toEqual(files);
    expect(u.item().answer!.text).toBe('a'.repeat(room + 1));
    expect(u.item().proposals[0]!.status).toBe('open');
  });
});

describe('the undo of an accept is kept with the meeting', () => {
  it("replace, restart the service, undo: the lead's answer is back whole, read from the files", () => {
    const t = setUp();
    const before = t.item(t.answer('Checkout takes longer for them')).answer!;
    t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'replace' });
    // The replaced text is on disk with the proposal, with who took it in.
    expect(t.onDisk()).toContain('Checkout takes longer for them');
    closeNow(t.library);

    const reopened = openTemp(t.dir);
    const taken = t.item(valueOf<Meeting>(reopened, 'meetings.get', { id: t.meeting.id })).proposals[0]!;
    expect(taken.status).toBe('accepted');
    expect(taken.taken).toMatchObject({ by: 'Ana', mode: 'replace', before: { answer: { text: 'Checkout takes longer for them' } } });
    const undone = valueOf<Meeting>(reopened, 'proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' });
    expect(t.item(undone).answer).toEqual(before);
    expect(t.item(undone).proposals[0]).not.toHaveProperty('taken');
    closeNow(reopened);

    const again = valueOf<Meeting>(openTemp(t.dir), 'meetings.get', { id: t.meeting.id });
    expect(t.item(again).answer).toEqual(before);
    expect(t.item(again).proposals.map((p) => p.status)).toEqual(['open', 'open']);
  });

  it('two accepts in a row undo in turn, newest first; each keeps the text it replaced', () => {
    const t = setUp();
    const lead = t.item(t.answer('Checkout takes longer for them')).answer!;
    t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'replace' });
    const ben = t.item().answer!;
    const both = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-chloe', mode: 'replace' });
    expect(t.item(both).proposals.map((p) => p.taken?.before.answer?.text)).toEqual([
      'Checkout takes longer for them',
      'Fewer surprises on the bill',
    ]);
    // The older accept's answer is no longer there: its undo would lose Chloé's.
    expect(t.call('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(t.item(t.value<Meeting>('proposals.undoAccept', { ...t.onItem, proposalId: 'p-chloe' })).answer).toEqual(ben);
    expect(t.item(t.value<Meeting>('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' })).answer).toEqual(lead);
  });

  it('a file from before the record loads unchanged; its accepted proposal has no undo, refused with a typed error', () => {
    const accepted: Proposal = { ...proposal('p-ben', 'Ben', 'Fewer surprises on the bill'), status: 'accepted' };
    const t = setUp([accepted]);
    expect(t.item().proposals).toEqual([accepted]);
    const files = snapshotFiles(t.dir);
    expect(t.call('proposals.undoAccept', { ...t.onItem, proposalId: 'p-ben' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('not on record') },
    });
    expect(snapshotFiles(t.dir)).toEqual(files);
  });

  it("a participant never sees the record (it holds the lead's earlier answer)", () => {
    const t = setUp();
    t.answer('Checkout takes longer for them');
    const meeting = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'replace' });
    const view = buildParticipantView(meeting, { participantId: 'x', name: 'Ben' }, { personas: [], tags: [] });
    expect(view.yourProposals).toHaveLength(1);
    expect(view.yourProposals[0]).toMatchObject({ id: 'p-ben', status: 'accepted' });
    expect(JSON.stringify(view)).not.toContain('Checkout takes longer');
  });
});
