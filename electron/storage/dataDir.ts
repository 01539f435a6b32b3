import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Empty Chair';

/**
 * The folder Electron uses as `app.getPath('userData')` for this app, computed without Electron so
 * browser mode and the command-line tools see the same meetings as the desktop app.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}

/** `--data-dir DIR` (or `--data-dir=DIR`) beats EMPTY_CHAIR_DATA_DIR, which beats the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, fallback = defaultDataDir()): string {
  const fromArgs = readFlag(argv, '--data-dir');
  const chosen = fromArgs ?? (env.EMPTY_CHAIR_DATA_DIR || undefined) ?? fallback;
  return path.resolve(chosen);
}

/** Reads `--name value` or `--name=value`; undefined when absent. Throws when the value is missing. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.`);
      return value;
    }
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}
