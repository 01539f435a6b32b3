export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

export interface ScanRoot {
  /** Relative to the repository (or the `root` given). */
  path: string;
  /** Build output: scripts are staged as .ts (see stage()). */
  built: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  confidence: string;
  reviewRequired: boolean;
  /** Relative to the root, forward slashes; null for a finding about the whole app. */
  file: string | null;
  line: number;
  column: number;
  snippet: string;
  message: string;
  helpUri: string;
}

export interface ScanError {
  file: string | null;
  message: string;
  tolerable: boolean;
}

export interface Acceptance {
  rule: string;
  file: string;
  snippet: string;
  count: number;
  reason: string;
}

export interface GateResult {
  ok: boolean;
  lines: string[];
  failures: string[];
  summary: string;
}

export const ROOT: string;
export const SARIF_FILE: string;
export const SCAN_ROOTS: readonly ScanRoot[];
export const ACCEPTED: readonly Acceptance[];
export const LEVEL_BY_SEVERITY: Readonly<Record<Severity, 'error' | 'warning' | 'note'>>;

export function stage(options?: { root?: string; stageDir?: string; roots?: readonly ScanRoot[] }): {
  realPathOf: Map<string, string>;
  scanned: string[];
  missing: string[];
};
export function electronVersion(root?: string): string;
export function scan(options?: { root?: string; stageDir?: string; roots?: readonly ScanRoot[]; version?: string }): Promise<{
  findings: Finding[];
  errors: ScanError[];
  scanned: string[];
  missing: string[];
  version: string;
}>;
export function applyAcceptances(
  findings: Finding[],
  scannedFiles: Set<string>,
  accepted?: readonly Acceptance[],
): { acceptedBy: Map<Finding, string>; problems: string[] };
export function toSarif(input: {
  findings: Finding[];
  errors: ScanError[];
  version: string;
  missing?: string[];
  accepted?: readonly Acceptance[];
  scannedFiles?: Set<string>;
}): any;
export function gate(sarif: any): GateResult;
