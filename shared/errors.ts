/** Typed errors every transport carries as plain data, so the UI can show them and tests can match on `code`. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  /** The impact gate: the current item has no customer answer, no reasoned "no impact", and no skip. */
  'gate_closed',
  'limit_exceeded',
  /** Too many requests on one connection for now: retry the same call later (nothing was applied). */
  'rate_limited',
  'unknown_method',
  'unauthorized',
  'forbidden',
  'storage_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  /** Field paths and their problems, for invalid_input. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ApiErrorData['issues'];
  constructor(code: ErrorCode, message: string, issues?: ApiErrorData['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (issues) this.issues = issues;
  }
  toData(): ApiErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.issues);
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export function isErrorData(value: unknown): value is ApiErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorData).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ApiErrorData).code)
  );
}
