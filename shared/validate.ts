import type { z } from 'zod';
import { api, type MethodName, type MethodParams, type MethodSpec } from './api';
import { ApiError } from './errors';

/** Turns zod issues into the field list of an invalid_input error, readable by people. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

/** "changes.agenda.2.title" → "Agenda item 3 title"; the field a person would recognise. */
export function fieldLabel(path: string): string {
  const words: string[] = [];
  const parts = path.split('.').filter((part) => part !== 'changes' && part !== '(input)');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      words.push(`${humanize(part.replace(/s$/, ''))} ${Number(next) + 1}`);
      i++;
    } else if (!/^\d+$/.test(part)) {
      words.push(humanize(part));
    }
  }
  const label = words.join(' ');
  return label ? label[0]!.toUpperCase() + label.slice(1) : 'The input';
}

function humanize(key: string): string {
  const known: Record<string, string> = {
    agenda: 'agenda item',
    personaIds: 'personas',
    tagIds: 'tags',
    timeboxMinutes: 'timebox (minutes)',
    scheduledAt: 'scheduled start',
    dueDate: 'due date',
  };
  return known[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function describeForPeople(issue: { path: string; message: string } | undefined): string {
  if (!issue) return 'Some of what was entered is not valid.';
  return `${fieldLabel(issue.path)} ${issue.message}.`;
}

/** The methods a table declares: shared/api.ts (the lead's) or shared/participantApi.ts. */
export type ApiTable = Record<string, MethodSpec<z.ZodType, unknown>>;

/**
 * Validates a method's input at the boundary against any table: returns the method's name and
 * parsed params, or throws a typed ApiError (unknown_method, invalid_input).
 */
export function parseTableInput<T extends ApiTable>(
  table: T,
  method: unknown,
  input: unknown,
): { name: keyof T & string; params: unknown } {
  if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(table, method)) {
    throw new ApiError('unknown_method', `There is no method named "${String(method).slice(0, 80)}".`);
  }
  const parsed = table[method]!.input.safeParse(input === undefined || input === null ? {} : input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new ApiError('invalid_input', describeForPeople(issues[0]), issues);
  }
  return { name: method, params: parsed.data };
}

/** Validates a lead API method's input at the boundary: returns the parsed params or throws a typed ApiError. */
export function parseInput<M extends MethodName>(method: M, input: unknown): MethodParams<M>;
export function parseInput(method: string, input: unknown): unknown;
export function parseInput(method: string, input: unknown): unknown {
  return parseTableInput(api, method, input).params;
}
