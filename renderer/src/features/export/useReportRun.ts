import { useEffect, useRef, useState } from 'react';
import type { Library, MeetingSummary } from '../../../../shared/domain';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';
import { leadTimeZone } from '../../app/format';
import type { ExportFormat, ExportResult } from './builders';
import { describeSave, type ExportStatus } from './ExportMenu';
import { loadBuilders } from './loadBuilders';
import type { DateRange } from './reportSelection';
import type { SaveSink } from './saveFile';

export type Stage = 'reading' | 'building';

/** Meetings left out of a report, by title: deleted since the list was shown, or whose file is damaged. */
export interface LeftOut {
  missing: string[];
  unreadable: string[];
}

export type Run =
  | { phase: 'idle' }
  | { phase: 'running'; stage: Stage; done: number; total: number }
  | { phase: 'saving'; total: number }
  | { phase: 'done'; total: number; included: number; result: ExportResult; status: ExportStatus | null; leftOut: LeftOut }
  | { phase: 'cancelled'; stage: Stage; done: number; total: number }
  | { phase: 'failed'; message: string };

class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

/** Resolves with the promise, or rejects with Cancelled as soon as the signal fires. */
function unlessCancelled<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Cancelled());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export interface ReportRequest {
  picked: readonly MeetingSummary[];
  format: ExportFormat;
  /** The date range the report covers, when chosen by range. */
  range: DateRange | undefined;
}

/**
 * Building a report: meetings read in batches (shared/export/reportRun.ts; progress "12 of 40"),
 * Markdown and HTML built as they come, CSV and JSON once all are read, then saved; cancel stops
 * at once and nothing is saved after it. Leaving the page cancels too.
 */
export function useReportRun(library: Library, save: SaveSink) {
  const client = useClient();
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const abortRef = useRef<AbortController | null>(null);

  // Stop reading meetings when the page goes away.
  useEffect(() => () => abortRef.current?.abort(), []);

  const saveResult = async (result: ExportResult, total: number, included: number, leftOut: LeftOut) => {
    setRun({ phase: 'saving', total });
    let status: ExportStatus;
    try {
      status = describeSave(await save({ fileName: result.fileName, mimeType: result.mimeType, content: result.text }), result.fileName);
    } catch (error) {
      status = { tone: 'error', text: `Could not save “${result.fileName}”: ${asApiError(error).message}` };
    }
    setRun({ phase: 'done', total, included, result, status, leftOut });
  };

  const build = async ({ picked, format, range }: ReportRequest) => {
    const controller = new AbortController();
    abortRef.current?.abort();
    abortRef.current = controller;
    const total = picked.length;
    // Markdown and HTML are built as the meetings come in: one stage from the start.
    const stage: Stage = format === 'md' || format === 'html' ? 'building' : 'reading';
    let progress: { stage: Stage; done: number; total: number } = { stage, done: 0, total };
    const report = (next: typeof progress) => {
      progress = next;
      setRun({ phase: 'running', ...next });
    };
    report(progress);
    try {
      const { runMeetingsReport } = await unlessCancelled(loadBuilders(), controller.signal);
      const { result, included, missing, unreadable } = await unlessCancelled(
        runMeetingsReport({
          ids: picked.map((summary) => summary.id),
          format,
          library,
          range,
          timeZone: leadTimeZone(),
          // Deleted since the list was drawn, or damaged: left out and named, the rest still makes a report.
          fetch: (ids) => unlessCancelled(client.call('reports.meetings', { ids }), controller.signal),
          onProgress: (stage, done, of) => {
            // Thrown between two batches (or chunks), this stops the report where it is.
            if (controller.signal.aborted) throw new Cancelled();
            report({ stage, done, total: of });
          },
        }),
        controller.signal,
      );
      if (controller.signal.aborted) throw new Cancelled();
      abortRef.current = null;
      const titles = new Map(picked.map((summary) => [summary.id, summary.title]));
      const named = (ids: string[]) => ids.map((id) => titles.get(id) ?? id);
      await saveResult(result, total, included, { missing: named(missing), unreadable: named(unreadable) });
    } catch (error) {
      if (abortRef.current === controller) abortRef.current = null;
      if (error instanceof Cancelled) setRun({ phase: 'cancelled', ...progress });
      else setRun({ phase: 'failed', message: `${asApiError(error).message} (${asApiError(error).code})` });
    }
  };

  return { run, build, saveAgain: saveResult, cancel: () => abortRef.current?.abort() };
}
