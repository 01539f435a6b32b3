import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api';
import type { Decision, DecisionTag, Meeting } from '../../shared/domain';
import { LIMITS } from '../../shared/limits';
import { addTag, BUILT_IN_TAGS, distinctTagIds, removeOwnTag, removeTag, setTags, type TaggingContext } from '../../shared/tags';
import { closeOpened, errorCodeOf, openTemp, sampleDraft, snapshotFiles, tempDir, valueOf } from './helpers';

const AT = '2026-11-24T10:00:00.000Z';
const LATER = '2026-11-24T10:05:00.000Z';
const lead: TaggingContext = { actor: 'Lead', at: LATER, tags: BUILT_IN_TAGS };
const entry = (tagId: string, by: string): DecisionTag => ({ tagId, by, at: AT });

function decisionWith(tags: DecisionTag[]): Decision {
  return {
    id: 'd1',
    text: 'Keep the free tier',
    owner: '',
    dueDate: null,
    tags,
    direction: 'unknown',
    directionSetBy: null,
    reviewDate: null,
    outcome: null,
    vote: null,
    citations: [],
    createdAt: AT,
    updatedAt: AT,
  };
}

describe('the tagging rules (shared/tags.ts)', () => {
  it('counts a tag added by several people once, in the order first added', () => {
    expect(distinctTagIds([entry('pricing', 'Ana'), entry('support', 'Ana'), entry('pricing', 'Ben')])).toEqual(['pricing', 'support']);
    expect(distinctTagIds([])).toEqual([]);
  });

  it('adds one entry per person and tag; a participant tagging again only changes their direction', () => {
    const decision = decisionWith([entry('pricing', 'Ana')]);
    addTag(decision, 'pricing', lead);
    addTag(decision, 'pricing', lead); // idempotent per person
    expect(decision.tags.map((t) => [t.tagId, t.by])).toEqual([
      ['pricing', 'Ana'],
      ['pricing', 'Lead'],
    ]);
    expect(decision.updatedAt).toBe(LATER);
    addTag(decision, 'pricing', { ...lead, actor: 'Ana' }, 'hurts');
    expect(decision.tags[0]).toMatchObject({ by: 'Ana', direction: 'hurts' });
    expect(() => addTag(decision, 'no-such-tag', lead)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it(`takes at most ${LIMITS.tagsPerDecisionMax} different tags, counting each tag once whoever added it`, () => {
    const many = Array.from({ length: LIMITS.tagsPerDecisionMax }, (_, i) => ({ id: `t${i}`, label: `t${i}`, builtIn: false }));
    const context = { ...lead, tags: [...many, { id: 'extra', label: 'extra', builtIn: false }] };
    const decision = decisionWith(many.map((tag) => entry(tag.id, 'Ana')));
    addTag(decision, 't0', context); // a tag already there: another person's entry fits
    expect(decision.tags).toHaveLength(LIMITS.tagsPerDecisionMax + 1);
    expect(() => addTag(decision, 'extra', context)).toThrow(expect.objectContaining({ code: 'limit_exceeded' }));
    expect(distinctTagIds(decision.tags)).toHaveLength(LIMITS.tagsPerDecisionMax);
  });

  it('lets the lead take a tag off for everyone, and a participant only their own entry', () => {
    const decision = decisionWith([entry('pricing', 'Ana'), entry('pricing', 'Ben'), entry('support', 'Ben')]);
    expect(() => removeOwnTag(decision, 'pricing', { actor: 'Cleo', at: LATER })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => removeOwnTag(decision, 'security', { actor: 'Ana', at: LATER })).toThrow(expect.objectContaining({ code: 'not_found' }));
    removeOwnTag(decision, 'pricing', { actor: 'Ana', at: LATER });
    expect(decision.tags.map((t) => [t.tagId, t.by])).toEqual([
      ['pricing', 'Ben'],
      ['support', 'Ben'],
    ]);
    removeTag(decision, 'pricing', lead);
    expect(decision.tags.map((t) => [t.tagId, t.by])).toEqual([['support', 'Ben']]);
  });

  it('sets the whole set: kept tags keep everyone’s entries, left-out tags go, new ones are the actor’s', () => {
    const decision = decisionWith([entry('pricing', 'Ana'), entry('support', 'Ben'), entry('pricing', 'Lead')]);
    setTags(decision, ['pricing', 'security', 'security'], lead);
    expect(decision.tags).toEqual([entry('pricing', 'Ana'), entry('pricing', 'Lead'), { tagId: 'security', by: 'Lead', at: LATER }]);
    expect(decision.updatedAt).toBe(LATER);
    const again = decisionWith(decision.tags);
    setTags(again, ['security', 'pricing'], lead); // the same set: nothing changes
    expect(again).toEqual(decisionWith(decision.tags));
    setTags(again, [], lead);
    expect(again.tags).toEqual([]);
  });

  it('checks every tag of a set before changing anything', () => {
    const decision = decisionWith([entry('pricing', 'Ana')]);
    const before = structuredClone(decision);
    expect(() => setTags(decision, ['support', 'no-such-tag'], lead)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(decision).toEqual(before);
  });
});

describe('decisions.setTags (the service)', () => {
  afterEach(closeOpened);

  function meetingWithDecision() {
    const dir = tempDir();
    const library = openTemp(dir);
    const meeting = valueOf<Meeting>(library, 'meetings.create', sampleDraft());
    const itemId = meeting.agenda[0]!.id;
    const withDecision = valueOf<Meeting>(library, 'decisions.add', {
      meetingId: meeting.id,
      itemId,
      decision: { text: 'Keep the free tier', tagIds: ['pricing', 'support'] },
    });
    const decisionId = withDecision.agenda[0]!.decisions[0]!.id;
    const decisionOf = () => library.service.meeting(meeting.id).agenda[0]!.decisions[0]!;
    return { dir, library, meeting: withDecision, decisionId, decisionOf };
  }

  it('sets a decision’s tags in one validation, one write and one event', () => {
    const { library, meeting, decisionId, decisionOf } = meetingWithDecision();
    const events: ApiEvent[] = [];
    library.service.events.subscribe((event) => events.push(event));
    const changed = valueOf<Meeting>(library, 'decisions.setTags', {
      meetingId: meeting.id,
      decisionId,
      tagIds: ['support', 'security', 'reliability'],
    });
    expect(distinctTagIds(decisionOf().tags)).toEqual(['support', 'security', 'reliability']);
    expect(changed.revision).toBe(meeting.revision + 1); // one write, where untag + 2 × tag took three
    expect(events.filter((event) => event.event === 'meeting.changed')).toHaveLength(1);
  });

  it('a refused set changes nothing: not in memory, not on disk, no event', () => {
    const { dir, library, meeting, decisionId, decisionOf } = meetingWithDecision();
    const before = structuredClone(decisionOf());
    const files = snapshotFiles(dir);
    const events: ApiEvent[] = [];
    library.service.events.subscribe((event) => events.push(event));
    // One unknown tag among good ones: the good ones are not added either.
    expect(errorCodeOf(library, 'decisions.setTags', { meetingId: meeting.id, decisionId, tagIds: ['security', 'no-such-tag'] })).toBe(
      'not_found',
    );
    // One tag over the limit: refused at the boundary.
    const tooMany = Array.from({ length: LIMITS.tagsPerDecisionMax + 1 }, (_, i) => `t${i}`);
    expect(errorCodeOf(library, 'decisions.setTags', { meetingId: meeting.id, decisionId, tagIds: tooMany })).toBe('invalid_input');
    expect(errorCodeOf(library, 'decisions.setTags', { meetingId: meeting.id, decisionId: 'no-such-decision', tagIds: [] })).toBe(
      'not_found',
    );
    expect(decisionOf()).toEqual(before);
    expect(library.service.meeting(meeting.id).revision).toBe(meeting.revision);
    expect(snapshotFiles(dir)).toEqual(files);
    expect(events).toEqual([]);
  });

  it(`takes exactly ${LIMITS.tagsPerDecisionMax} tags`, () => {
    const { library, meeting, decisionId, decisionOf } = meetingWithDecision();
    const labels = Array.from({ length: LIMITS.tagsPerDecisionMax - BUILT_IN_TAGS.length }, (_, i) => `custom ${i}`);
    const custom = labels.map((label) => valueOf<{ id: string }>(library, 'tags.create', { label }).id);
    const all = [...BUILT_IN_TAGS.map((tag) => tag.id), ...custom];
    expect(all).toHaveLength(LIMITS.tagsPerDecisionMax);
    valueOf(library, 'decisions.setTags', { meetingId: meeting.id, decisionId, tagIds: all });
    expect(distinctTagIds(decisionOf().tags)).toHaveLength(LIMITS.tagsPerDecisionMax);
  });
});
