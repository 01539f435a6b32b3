/**
 * Issue 18: the "Accounts affected" line reads the same on the summary screen and in the Markdown
 * and HTML exports ("2 accounts — Acme (…), …; together …"), for every decision and answer that
 * cites evidence: the screen's text is compared with each export's, not with a copy of the words.
 */
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import SummaryView from '../../renderer/src/features/summary/SummaryView';
import { evidenceHtml } from '../../shared/export/html';
import { evidenceLines } from '../../shared/export/markdownEvidence';
import { citedEvidence } from '../../shared/summary/evidence';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';

const PREFIX = 'Accounts affected: ';

/** What a reader of the HTML export sees: the text of its "Accounts affected" items. */
function htmlLines(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('li')].map((li) => li.textContent ?? '').filter((line) => line.startsWith(PREFIX));
}

describe('"Accounts affected" wording', () => {
  it('is the same on the screen as in the Markdown and HTML exports', () => {
    const meeting = fixtureMeeting();
    render(<SummaryView meeting={meeting} library={fixtureLibrary()} />);
    const screenLines = [...document.querySelectorAll('.sum-evidence-accounts')].map((p) => p.textContent ?? '');
    expect(screenLines.length).toBeGreaterThanOrEqual(2);
    expect(screenLines).toContainEqual(expect.stringMatching(/^Accounts affected: 2 accounts — Acme Logistics \(/));

    const cited = meeting.agenda.flatMap((item) => [
      ...item.decisions.map((decision) => citedEvidence(decision.citations)),
      citedEvidence(item.citations),
    ]);
    const markdown = cited.flatMap((evidence) => evidenceLines(evidence, '')).filter((line) => line.startsWith(`- ${PREFIX}`));
    const html = cited.flatMap((evidence) => htmlLines(evidenceHtml(evidence)));
    expect(markdown.map((line) => line.slice(2))).toEqual(html);
    // Every line the screen shows is one the exports print (the fixture's names need no Markdown escapes).
    for (const line of screenLines) expect(html).toContain(line);
  });
});
