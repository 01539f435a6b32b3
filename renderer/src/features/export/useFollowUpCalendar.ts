import { useState } from 'react';
import type { Meeting } from '../../../../shared/domain';
import type { SummaryLibrary } from '../../../../shared/summary/summary';
import { leadTimeZone } from '../../app/format';
import { describeSave, type ExportStatus } from './ExportMenu';
import { loadBuilders } from './loadBuilders';
import { saveFile, type SaveSink } from './saveFile';

/**
 * "Add to calendar" beside one follow-up: saves that follow-up's event alone (.ics, the same event the
 * export menu's "Calendar" file holds) through the export menu's save path (desktop dialog or download).
 */
export function useFollowUpCalendar(meeting: Meeting, library: SummaryLibrary, save: SaveSink = saveFile) {
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const add = async (followUpId: string) => {
    setBusy(followUpId);
    setStatus(null);
    try {
      const { followUpCalendarFile } = await loadBuilders();
      const file = followUpCalendarFile(meeting, library, followUpId, { timeZone: leadTimeZone() });
      setStatus(describeSave(await save(file), file.fileName));
    } catch (error) {
      setStatus({ tone: 'error', text: `Could not add it to a calendar: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };
  return { busy, status, add };
}
