export const ROOT: string;
export function ensureRendererBuilt(): Promise<void>;
