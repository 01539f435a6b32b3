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

/** An agenda longer than this (a working day) is worth a second look before it is saved. */
export const AGENDA_MINUTES_WARN = 480;
/** The timebox an item without one gets (the New meeting form's default). */
const DEFAULT_MINUTES = 10;

/** A warning when the items' timeboxes add up to more than a working day (a typo such as 500 for 50). */
export function durationWarnings(items: readonly AgendaItemDraft[]): string[] {
  const total = items.reduce((sum, item) => sum + (item.timeboxMinutes ?? DEFAULT_MINUTES), 0);
  if (total <= AGENDA_MINUTES_WARN) return [];
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const span = minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  return [`The agenda adds up to ${total.toLocaleString('en-US')} minutes (${span}), more than a working day: check the timeboxes.`];
}

const BULLET = /^\s*(?:[-*+•◦‣]|\d{1,3}[.)]|\[[ xX]?\])\s+/;
const TIMEBOX = /\s*[([]?\s*(\d{1,3})\s*(?:min(?:ute)?s?|m)\s*[)\]]?\s*$/i;

/** One agenda item per non-empty line; bullets and numbering are dropped; "(10 min)" sets the timebox. */
export function parseAgendaLines(text: string): ImportedAgenda {
  const items: AgendaItemDraft[] = [];
  const warnings: string[] = [];
  let lines = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let title = raw.replace(BULLET, '').trim();
    if (!title) continue;
    lines += 1;
    if (items.length === LIMITS.agendaItemsMax) continue;
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
    items.push(timeboxMinutes === undefined ? { title } : { title, timeboxMinutes });
  }
  // The most important warning first: lines left out.
  if (lines > items.length) {
    warnings.unshift(
      `${lines.toLocaleString('en-US')} lines were pasted, but a meeting holds at most ${LIMITS.agendaItemsMax} agenda items: only the first ${LIMITS.agendaItemsMax} became items, and the other ${(lines - items.length).toLocaleString('en-US')} are left out.`,
    );
  }
  return { items, warnings: [...warnings, ...durationWarnings(items)] };
}
