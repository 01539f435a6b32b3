export const SERVER_DIR: string;
export const SERVER_ENTRY: string;
export const LEDGER_WORKER_ENTRY: string;
export function serverIsStale(): boolean;
export function bundleForNode(entry: string, outDir: string, fileName: string): Promise<string>;
export function buildServer(): Promise<void>;
export function ensureServerBuilt(): Promise<void>;
export function runServer(): void;
