import { describe, expect, it } from 'vitest';
import { chairCoverage } from '../../shared/coverage';
import { summarizeImpact } from '../../shared/summary/summary';
import { fixtureLibrary, fixtureMeeting } from './fixtures/meeting';

const summary = () => summarizeImpact(fixtureMeeting(), fixtureLibrary());
const texts = (entries: { decision: { text: string } }[]) => entries.map((e) => e.decision.text);

describe('summarizeImpact', () => {
  it('takes chair coverage from shared/coverage', () => {
    expect(summary().coverage).toEqual(chairCoverage(fixtureMeeting()));
    expect(summary().coverage).toMatchObject({ discussed: 6, covered: 5, answered: 4, noImpact: 1, skipped: 1 });
  });

  it('lists "no customer impact" items with their reasons, and skipped items', () => {
    expect(summary().noImpact).toEqual([
      { itemId: 'item-4', itemTitle: 'Internal tooling', reason: 'Internal refactor only; nothing a customer sees.' },
    ]);
    expect(summary().skipped).toEqual([{ itemId: 'item-5', itemTitle: 'Office move' }]);
  });

  it('groups decisions by direction, every direction present', () => {
    const groups = Object.fromEntries(summary().byDirection.map((g) => [g.direction, texts(g.decisions)]));
    expect(groups).toEqual({
      helps: ['Launch three tiers: Starter, Team, Business'],
      hurts: ['Cut the trial from 30 to 14 days'],
      mixed: ['Offer a grace period to annual plans'],
      neutral: ['Keep the free plan as it is'],
      unknown: ['Migrate everyone in Q1'],
    });
  });

  it('groups decisions by tag with labels resolved, unknown tag ids shown as their id, and who tagged', () => {
    const s = summary();
    expect(s.byTag.map((g) => [g.tag.label, g.tag.known, g.decisions.length])).toEqual([
      ['pricing', true, 2],
      ['billing clarity', true, 1],
      ['onboarding', true, 1],
      ['tag-deleted-legacy', false, 1],
    ]);
    expect(texts(s.untagged)).toEqual(['Keep the free plan as it is', 'Offer a grace period to annual plans']);
    const launch = s.flaggedFirst.find((e) => e.decision.id === 'decision-1')!;
    expect(launch.tags.map((t) => [t.label, t.by])).toEqual([
      ['pricing', 'Ana'],
      ['onboarding', 'Ben'],
    ]);
  });

  it('nets impact per persona from the answers: helps +1, hurts −1, the rest 0, "not set" apart from "unknown"', () => {
    const byName = Object.fromEntries(summary().personas.map((p) => [p.persona.name, p]));
    expect(byName['Priya Natarajan']).toMatchObject({
      net: 0,
      inChair: true,
      counts: { helps: 1, hurts: 1, mixed: 0, neutral: 0, unknown: 0, unset: 1 },
    });
    expect(byName['ليلى حداد']).toMatchObject({ net: 1, counts: { helps: 1, unknown: 1, unset: 0 } });
    // A persona the library no longer has is shown by its id, with nothing counted.
    expect(byName['persona-deleted']).toMatchObject({ net: 0, persona: { known: false } });
    expect(summary().personas.map((p) => p.persona.id)).toEqual(['persona-priya', 'persona-layla', 'persona-deleted']);
  });

  it('counts an answer naming no persona for the whole chair, and a persona named only in an answer', () => {
    const meeting = fixtureMeeting();
    meeting.agenda[0]!.answer!.personaIds = [];
    meeting.agenda[1]!.answer!.personaIds = ['persona-unused'];
    const s = summarizeImpact(meeting, fixtureLibrary());
    expect(s.unattributedAnswers).toBe(0);
    for (const impact of s.personas.filter((p) => p.inChair)) {
      expect(impact.answers.map((a) => a.itemId)).toContain(meeting.agenda[0]!.id);
    }
    expect(s.personas.at(-1)).toMatchObject({ persona: { name: 'Sam Unused' }, inChair: false, net: -1 });
  });

  it('counts an answer for nobody only when it names no persona and the chair is empty', () => {
    const meeting = { ...fixtureMeeting(), personaIds: [] };
    meeting.agenda[0]!.answer!.personaIds = [];
    const s = summarizeImpact(meeting, fixtureLibrary());
    expect(s.unattributedAnswers).toBe(1);
  });

  it('lists open follow-ups with owners, by due date, undated last; done ones left out', () => {
    expect(
      summary().openFollowUps.map((f) => [f.followUp.text, f.followUp.owner, f.followUp.dueDate, f.itemTitle, f.decisionText]),
    ).toEqual([
      ['Ask support how often the trial length comes up', 'Chloé', '2026-11-30', 'Trial length', 'Cut the trial from 30 to 14 days'],
      ['Find out from customers: Migration of old plans', 'Dev', null, 'Migration of old plans', null],
    ]);
  });

  it('puts flagged decisions first (hurts, then unknown), the rest in agenda order', () => {
    const s = summary();
    expect(s.flaggedFirst.map((e) => [e.decision.direction, e.flagged])).toEqual([
      ['hurts', true],
      ['unknown', true],
      ['helps', false],
      ['neutral', false],
      ['mixed', false],
    ]);
    expect(s.flaggedCount).toBe(2);
    expect(s.decisionCount).toBe(5);
  });

  it('handles an empty meeting', () => {
    const meeting = { ...fixtureMeeting(), agenda: [], followUps: [], personaIds: [] };
    const s = summarizeImpact(meeting, { personas: [], tags: [] });
    expect(s).toMatchObject({ decisionCount: 0, flaggedFirst: [], byTag: [], personas: [], openFollowUps: [], coverage: { ratio: null } });
  });
});
