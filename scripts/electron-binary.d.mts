/** The Electron executable to launch, or null when it is not installed on this machine. */
export function findElectronBinary(): string | null;
/** One plain sentence saying why desktop tests or the desktop app cannot run here. */
export const ELECTRON_MISSING_REASON: string;
