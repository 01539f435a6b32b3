/**
 * The summary screen credits an answer's author and every participant whose proposal the lead took
 * into it (issue 18 §3), from the shared credit line (shared/summary/credits.ts); a dismissed
 * proposer is not credited, and a hostile name is text.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import SummaryView from '../../renderer/src/features/summary/SummaryView';
import { formatWhen } from '../../renderer/src/app/format';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';

function answerOf(title: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'The chair’s answers by agenda item' });
  return within(list)
    .getAllByRole('listitem')
    .find((li) => li.querySelector('h3')?.textContent?.includes(title))!;
}

describe('summary screen: credit for an answer', () => {
  it('names the lead who answered and the participant whose proposal went in, with their times', () => {
    const meeting = fixtureMeeting();
    render(<SummaryView meeting={meeting} library={fixtureLibrary()} />);
    const item = meeting.agenda[0]!;
    const credit = answerOf(item.title).querySelector('.sum-credit')!;
    expect(credit.textContent).toBe(
      `By Ana, ${formatWhen(item.answer!.at)}; with the proposals of Chloé (${formatWhen(item.proposals[0]!.at)})`,
    );
    // Ben's proposal was dismissed: he is not credited.
    expect(credit.textContent).not.toContain('Ben');
    expect([...credit.querySelectorAll('time')].map((t) => t.getAttribute('datetime'))).toEqual([item.answer!.at, item.proposals[0]!.at]);
    // An item without proposals: the author alone.
    expect(answerOf(meeting.agenda[1]!.title).querySelector('.sum-credit')!.textContent).toMatch(/^By Ana, [^;]+$/);
  });

  it('shows a hostile proposer name as text', () => {
    const meeting = fixtureMeeting();
    meeting.agenda[0]!.proposals[0]!.by = '<img src=x onerror=alert(1)>';
    render(<SummaryView meeting={meeting} library={fixtureLibrary()} />);
    const credit = answerOf(meeting.agenda[0]!.title).querySelector('.sum-credit')!;
    expect(credit.querySelector('img')).toBeNull();
    expect(credit.textContent).toContain('with the proposals of <img src=x onerror=alert(1)> (');
  });
});
