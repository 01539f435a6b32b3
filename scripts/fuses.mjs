// electron-builder `afterPack` hook (electron-builder.yml: afterPack: ./scripts/fuses.mjs): flips
// Electron's fuses in the packaged binary, after packing and before signing, so the signature
// covers the flipped bits. electron-builder 26 loads hooks with require() and falls back to
// import(), so an ES module works; it calls the `afterPack` export.
//
// Everything the hook touches comes in through createAfterPack(deps), so the unit test
// (tests/unit/fuses.test.ts) runs it against a stand-in and never needs an Electron binary.
import fuses from '@electron/fuses';
import path from 'node:path';

const { FuseV1Options, FuseVersion } = fuses;

/**
 * How a fuse's state is stored in the binary: the characters '0', '1' and 'r' (removed). Copied from
 * @electron/fuses' dist/constants.js, which its index does not export; tests/unit/fuses.test.ts
 * checks the copy against the installed package.
 */
export const FuseState = Object.freeze({ DISABLE: 48, ENABLE: 49, REMOVED: 114, INHERIT: 144 });

/**
 * The fuse wire of every packaged Empty Chair (docs/security.md, checklist item 19). Each line
 * says what turning it this way takes away from an attacker who can start our binary.
 */
export const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS keychain (we keep no cookies, but nothing is lost).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Refuses an app.asar whose header hash differs from the one embedded at build time (macOS,
  // Windows; electron-builder embeds the hash). Linux has no embedded-hash support yet.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Without it, a loose resources/app folder next to app.asar would be loaded instead of it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // We ship no custom V8 snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // We serve the renderer from app://, never file://: file:// pages get no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** electron-builder's Arch enum (builder-util): the index is the value it passes in `context.arch`. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

const MAC_PLATFORMS = new Set(['darwin', 'mas']);

/**
 * The path flipFuses needs for a packed app, computed the way electron-builder's own fuse step
 * does (PlatformPackager.addElectronFuses): the .app bundle on macOS (flipFuses finds the Electron
 * Framework inside it), <productFilename>.exe on Windows, the lower-case executable on Linux.
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (typeof appOutDir !== 'string' || appOutDir === '') throw new Error('afterPack: the context has no appOutDir.');
  if (MAC_PLATFORMS.has(electronPlatformName)) return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'linux') {
    const name = packager.executableName ?? packager.appInfo.sanitizedName.toLowerCase();
    return path.join(appOutDir, name);
  }
  throw new Error(`afterPack: no Electron binary known for platform "${electronPlatformName}".`);
}

/**
 * The config handed to flipFuses: FUSES plus, for Apple Silicon builds made on a Mac, a fresh
 * ad-hoc signature (flipping bits breaks the one Electron ships with, and an arm64 binary with a
 * broken signature does not start; a real signature replaces it when electron-builder signs).
 */
export function fuseConfigFor(context, hostPlatform = process.platform) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const resetAdHocDarwinSignature =
    MAC_PLATFORMS.has(context.electronPlatformName) && hostPlatform === 'darwin' && (arch === 'arm64' || arch === 'universal');
  return { version: FuseVersion.V1, resetAdHocDarwinSignature, ...FUSES };
}

const stateName = (state) =>
  ({ [FuseState.ENABLE]: 'on', [FuseState.DISABLE]: 'off', [FuseState.REMOVED]: 'removed', [FuseState.INHERIT]: 'inherit' })[state] ??
  `unknown (${state})`;

/** Names of the fuses whose state in `wire` (from getCurrentFuseWire) is not what `FUSES` asks for. */
export function fuseMismatches(wire) {
  const wrong = [];
  for (const [index, wanted] of Object.entries(FUSES)) {
    const expected = wanted ? FuseState.ENABLE : FuseState.DISABLE;
    const actual = wire[index];
    if (actual !== expected) wrong.push(`${FuseV1Options[index]} is ${stateName(actual)}, wanted ${wanted ? 'on' : 'off'}`);
  }
  return wrong;
}

/**
 * Builds the hook. `deps` replaces @electron/fuses (flipFuses, getCurrentFuseWire), the log and
 * the host platform in tests. The hook flips the fuses, reads them back, and fails the build
 * if any of ours is not as configured: a package must never ship with the fuses half-set.
 */
export function createAfterPack(deps = {}) {
  const {
    flipFuses = fuses.flipFuses,
    getCurrentFuseWire = fuses.getCurrentFuseWire,
    log = (message) => console.log(`  • ${message}`),
    hostPlatform = process.platform,
  } = deps;
  return async function afterPack(context) {
    const binary = electronBinaryPath(context);
    const config = fuseConfigFor(context, hostPlatform);
    await flipFuses(binary, config);
    const wire = await getCurrentFuseWire(binary);
    const wrong = fuseMismatches(wire);
    if (wrong.length > 0) throw new Error(`Electron fuses in ${binary} are not as configured: ${wrong.join('; ')}.`);
    const known = Object.keys(FUSES).length;
    const inBinary = Object.keys(wire).filter((key) => key !== 'version').length;
    log(
      `fuses set in ${binary}: ${Object.entries(FUSES)
        .map(([index, on]) => `${FuseV1Options[index]}=${on ? 'on' : 'off'}`)
        .join(', ')}`,
    );
    if (inBinary > known) {
      log(
        `note: this Electron has ${inBinary} fuses and @electron/fuses knows ${known}; the other ${inBinary - known} keep Electron's defaults (upgrade @electron/fuses to set them).`,
      );
    }
  };
}

export const afterPack = createAfterPack();
export default afterPack;
