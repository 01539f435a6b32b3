/**
 * What browser mode tells a tab that has no token (GET /api/start-info, loopback only): where the
 * data is and what prints the link. Never any meeting data.
 */
export const START_INFO_PATH = '/api/start-info';

export interface StartInfo {
  /** The data folder, or null when the server was not told it. */
  dataDir: string | null;
  /** What prints the link to open. */
  command: string;
}
