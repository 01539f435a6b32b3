export function desktopIsStale(): boolean;
export function ensureDesktopBuilt(): number;
