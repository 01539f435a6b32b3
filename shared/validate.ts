import type { z } from 'zod';
import { api, isMethodName, type MethodName, type MethodParams } from './api';
import { ApiError } from './errors';

/** Turns zod issues into the field list of an invalid_input error, readable by people. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

/** Validates a method's input at the boundary: returns the parsed params or throws a typed ApiError. */
export function parseInput<M extends MethodName>(method: M, input: unknown): MethodParams<M>;
export function parseInput(method: string, input: unknown): unknown;
export function parseInput(method: string, input: unknown): unknown {
  if (!isMethodName(method)) throw new ApiError('unknown_method', `There is no method named "${String(method).slice(0, 80)}".`);
  const parsed = api[method].input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    const first = issues[0];
    throw new ApiError(
      'invalid_input',
      first ? `Invalid input for ${method}: ${first.path} ${first.message}.` : `Invalid input for ${method}.`,
      issues,
    );
  }
  return parsed.data;
}
