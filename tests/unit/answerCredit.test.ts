/**
 * Issue 18 §3: when the lead takes a participant's proposal into an answer (proposals.accept,
 * append or replace), the summary credits the proposer as well as the answer's author, and so does
 * every export that shows answers (Markdown, HTML and its PDF, the multi-meeting report). The
 * CSV and the .xlsx have one row per decision and no answers; the JSON export is the meeting itself,
 * accepted proposals and their authors included. Through the dispatcher, as the app does it.
 */
import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Proposal } from '../../shared/domain';
import { exportMeeting, exportMeetings } from '../../shared/export';
import { parseMeetingExport } from '../../shared/export/json';
import { answerCredits, creditText } from '../../shared/summary/credits';
import { summarizeImpact } from '../../shared/summary/summary';
import { closeOpened, freshLibrary, sampleDraft } from './helpers';

afterEach(closeOpened);

const AT = '2026-11-24T09:40:00.000Z';
const proposal = (id: string, by: string, text: string): Proposal => ({ id, by, at: AT, text, direction: 'helps', status: 'open' });

function setUp() {
  const lib = freshLibrary();
  const created = lib.value<Meeting>('meetings.create', sampleDraft({ lead: 'Ana' }));
  const copy = structuredClone(created);
  copy.agenda[0]!.proposals = [
    proposal('p-ben', 'Ben', 'Fewer surprises on the bill'),
    proposal('p-chloe', 'Chloé', 'They pay more'),
    proposal('p-dev', 'Dev', 'No change for them'),
  ];
  const meeting = lib.value<Meeting>('meetings.import', { meeting: copy, personas: [], asCopy: true });
  const onItem = { meetingId: meeting.id, itemId: meeting.agenda[0]!.id };
  lib.value<Meeting>('chair.answer', { ...onItem, changes: { text: 'Checkout takes longer for them', direction: 'hurts' } });
  return { ...lib, meeting, onItem };
}

const plain = { name: (n: string) => n, when: (at: string) => at };

describe('the credit for an answer a proposal went into', () => {
  it('append: the lead who wrote the answer, then the proposers taken in; a dismissed proposer is not credited', () => {
    const t = setUp();
    t.value('proposals.accept', { ...t.onItem, proposalId: 'p-ben' });
    t.value('proposals.accept', { ...t.onItem, proposalId: 'p-chloe' });
    const meeting = t.value<Meeting>('proposals.dismiss', { ...t.onItem, proposalId: 'p-dev' });
    const item = summarizeImpact(meeting, t.value('library.get', {})).items[0]!;
    expect(item.answerCredits.map((c) => [c.name, c.role])).toEqual([
      ['Ana', 'answer'],
      ['Ben', 'proposal'],
      ['Chloé', 'proposal'],
    ]);
    expect(creditText(item.answerCredits, plain)).toBe(`By Ana, ${item.item.answer!.at}; with the proposals of Ben (${AT}), Chloé (${AT})`);
  });

  it('replace: the proposer wrote the answer and is named once; an earlier proposer taken in stays credited', () => {
    const t = setUp();
    t.value('proposals.accept', { ...t.onItem, proposalId: 'p-ben', mode: 'append' });
    const meeting = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-chloe', mode: 'replace' });
    const credits = answerCredits(meeting.agenda[0]!);
    expect(credits).toEqual([
      { name: 'Chloé', at: AT, role: 'answer' },
      { name: 'Ben', at: AT, role: 'proposal' },
    ]);
  });

  it('nobody is credited for an item with no answer and no proposal taken', () => {
    const t = setUp();
    const meeting = t.value<Meeting>('meetings.get', { id: t.meeting.id });
    expect(answerCredits(meeting.agenda[1]!)).toEqual([]);
    expect(creditText([], plain)).toBe('');
  });

  it('every export with answers credits the lead and the proposer; the JSON keeps the accepted proposal', async () => {
    const t = setUp();
    const meeting = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben' });
    const library = t.value<{ personas: []; tags: [] }>('library.get', {});
    const md = exportMeeting(meeting, library, 'md').text;
    expect(md).toMatch(/^By Ana, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; with the proposals of Ben \(2026-11-24 09:40 UTC\)$/m);
    const html = exportMeeting(meeting, library, 'html').text;
    expect(html).toContain('By <span dir="auto">Ana</span>, ');
    expect(html).toContain('; with the proposals of <span dir="auto">Ben</span> (2026-11-24 09:40 UTC)</p>');
    const reportMd = (await exportMeetings([meeting], library, 'md')).text;
    expect(reportMd).toContain('with the proposals of Ben (2026-11-24 09:40 UTC)');
    const reportHtml = (await exportMeetings([meeting], library, 'html')).text;
    expect(reportHtml).toContain('with the proposals of <span dir="auto">Ben</span> (2026-11-24 09:40 UTC)</div>');
    const json = parseMeetingExport(exportMeeting(meeting, library, 'json').text);
    expect(json.meeting.agenda[0]!.proposals[0]).toMatchObject({ by: 'Ben', status: 'accepted' });
    expect(json.meeting.agenda[0]!.answer).toMatchObject({ by: 'Ana' });
  });

  it('a hostile proposer name stays text in every format', () => {
    const t = setUp();
    const meeting = t.value<Meeting>('proposals.accept', { ...t.onItem, proposalId: 'p-ben' });
    meeting.agenda[0]!.proposals[0]!.by = '<img src=x onerror=alert(1)> [x](javascript:alert(1))';
    const library = t.value<{ personas: []; tags: [] }>('library.get', {});
    const html = exportMeeting(meeting, library, 'html').text;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Rendered as a Markdown reader would (raw HTML allowed): no image, no link, the name as text.
    const rendered = new MarkdownIt({ html: true }).render(exportMeeting(meeting, library, 'md').text);
    expect(rendered).not.toMatch(/<img|<a /);
    expect(rendered).toContain('with the proposals of &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))');
  });
});
