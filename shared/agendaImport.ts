/**
 * Agenda import: pasted lines, and the shapes shared with the .ics import (shared/ics/icsEvent.ts).
 * Pure: the UI shows the result as a preview and creates the meeting only when the lead confirms.
 */
import type { AgendaItemDraft } from './api';
import { LIMITS } from './limits';

export { AgendaImportError, type AgendaImportErrorCode } from './agendaImportError';

export interface ImportedAgenda {
  items: AgendaItemDraft[];
  /** Things the lead should check in the preview (lines cut short, items over the limit, …). */
  warnings: string[];
}

export interface ImportedEvent extends ImportedAgenda {
  title: string;
  /** UTC, ISO 8601. */
  scheduledAt: string;
  lead: string;
  participants: string[];
}

const BULLET = /^\s*(?:[-*+•◦‣]|\d{1,3}[.)]|\[[ xX]?\])\s+/;
const TIMEBOX = /\s*[([]?\s*(\d{1,3})\s*(?:min(?:ute)?s?|m)\s*[)\]]?\s*$/i;

/** One agenda item per non-empty line; bullets and numbering are dropped; "(10 min)" sets the timebox. */
export function parseAgendaLines(text: string): ImportedAgenda {
  const items: AgendaItemDraft[] = [];
  const warnings: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let title = raw.replace(BULLET, '').trim();
    if (!title) continue;
    let timeboxMinutes: number | undefined;
    const timebox = TIMEBOX.exec(title);
    if (timebox && timebox.index > 0) {
      const minutes = Number(timebox[1]);
      if (minutes >= LIMITS.timeboxMinutesMin && minutes <= LIMITS.timeboxMinutesMax) {
        timeboxMinutes = minutes;
        title = title.slice(0, timebox.index).trim();
      }
    }
    if (title.length > LIMITS.titleMax) {
      warnings.push(`"${title.slice(0, 40)}…" was cut to ${LIMITS.titleMax} characters.`);
      title = title.slice(0, LIMITS.titleMax).trimEnd();
    }
    if (items.length === LIMITS.agendaItemsMax) {
      warnings.push(`Only the first ${LIMITS.agendaItemsMax} lines became agenda items.`);
      break;
    }
    items.push(timeboxMinutes === undefined ? { title } : { title, timeboxMinutes });
  }
  return { items, warnings };
}
