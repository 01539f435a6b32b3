export const ROOT: string;
export function ensureRendererBuilt(): Promise<void>;
export const RENDERER_DIR: string;
export function newestMtime(dir: string): number;
