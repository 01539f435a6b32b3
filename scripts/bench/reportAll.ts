import type { Library } from '../../shared/domain';
import { runMeetingsReport, type MeetingsBatch } from '../../shared/export/reportRun';
import type { BrowserMode } from './browserMode';

/**
 * A Markdown report of every meeting, made as the Reports screen makes it (shared/export/reportRun.ts:
 * reports.meetings in batches, built as they come); the time from the first batch asked for.
 */
export async function reportEveryMeeting(app: BrowserMode) {
  const library = await app.call<Library>('library.get', {});
  const began = performance.now();
  let progressCalls = 0;
  const { result } = await runMeetingsReport({
    ids: [...library.meetings].reverse().map((summary) => summary.id),
    format: 'md',
    library,
    fetch: (ids) => app.call<MeetingsBatch>('reports.meetings', { ids }),
    onProgress: () => progressCalls++,
  });
  if (!result.text.includes(`meetings: ${library.meetings.length}`))
    throw new Error('The report does not hold every meeting: the benchmark would measure the wrong thing.');
  return { ms: performance.now() - began, characters: result.text.length, progressCalls };
}
