/**
 * scripts/fuses.mjs, the electron-builder afterPack hook that flips Electron's fuses. A stand-in
 * for @electron/fuses comes in through createAfterPack(deps) (no module patching): the tests check
 * the exact fuse config, the binary path for each platform, and that a wrong read-back fails the
 * build. One test runs the real @electron/fuses on a synthetic fuse wire, since no Electron
 * binary exists here.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  afterPack,
  createAfterPack,
  electronBinaryPath,
  FuseState,
  FUSES,
  fuseConfigFor,
  type AfterPackContextLike,
} from '../../scripts/fuses.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARCH = { x64: 1, arm64: 3, universal: 4 } as const;

function context(electronPlatformName: string, arch: number = ARCH.x64, appOutDir = '/build/release/unpacked'): AfterPackContextLike {
  return {
    appOutDir,
    electronPlatformName,
    arch,
    packager: {
      appInfo: { productFilename: 'Empty Chair', sanitizedName: 'empty-chair' },
      // LinuxPackager's executableName: the sanitized package name in lower case.
      ...(electronPlatformName === 'linux' ? { executableName: 'empty-chair' } : {}),
    },
  };
}

/** A fuse wire as getCurrentFuseWire returns it: every fuse of ours in the state FUSES asks for. */
function wireAsConfigured(extra: Record<string, number> = {}): Record<string, number | string> {
  const wire: Record<string, number | string> = { version: '1' };
  for (const [index, on] of Object.entries(FUSES)) wire[index] = on ? FuseState.ENABLE : FuseState.DISABLE;
  return { ...wire, ...extra };
}

function standIn(wire = wireAsConfigured()) {
  const calls: { binary: string; config: Record<string, unknown> }[] = [];
  const logs: string[] = [];
  const hook = createAfterPack({
    flipFuses: async (binary, config) => {
      calls.push({ binary, config: { ...config } });
      return 1;
    },
    getCurrentFuseWire: async () => wire,
    log: (message) => logs.push(message),
    hostPlatform: 'linux',
  });
  return { hook, calls, logs };
}

describe('the fuse config', () => {
  it('sets exactly these eight fuses, each named in the installed @electron/fuses', () => {
    expect(FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    for (const name of Object.keys(FUSES).map((index) => FuseV1Options[Number(index)]))
      expect(name, 'a fuse @electron/fuses names').toBeTypeOf('string');
  });

  it('decides every fuse the installed @electron/fuses knows (a new one fails here until decided)', () => {
    const known = Object.values(FuseV1Options).filter((value): value is number => typeof value === 'number');
    expect(
      Object.keys(FUSES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(known.sort((a, b) => a - b));
  });

  it('hands flipFuses version 1 and exactly those values', async () => {
    const { hook, calls } = standIn();
    await hook(context('linux'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.config).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      '0': false, // RunAsNode
      '1': true, // EnableCookieEncryption
      '2': false, // EnableNodeOptionsEnvironmentVariable
      '3': false, // EnableNodeCliInspectArguments
      '4': true, // EnableEmbeddedAsarIntegrityValidation
      '5': true, // OnlyLoadAppFromAsar
      '6': false, // LoadBrowserProcessSpecificV8Snapshot
      '7': false, // GrantFileProtocolExtraPrivileges
    });
  });

  it('re-signs ad hoc only for Apple Silicon and universal Mac builds made on a Mac', () => {
    expect(fuseConfigFor(context('darwin', ARCH.arm64), 'darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('darwin', ARCH.universal), 'darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('mas', ARCH.arm64), 'darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('darwin', ARCH.x64), 'darwin').resetAdHocDarwinSignature).toBe(false);
    // codesign exists only on macOS.
    expect(fuseConfigFor(context('darwin', ARCH.arm64), 'linux').resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor(context('linux', ARCH.arm64), 'darwin').resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor(context('win32', ARCH.arm64), 'darwin').resetAdHocDarwinSignature).toBe(false);
  });

  it('keeps its copy of the fuse states equal to the installed package', async () => {
    const constants = (await import(path.join(ROOT, 'node_modules/@electron/fuses/dist/constants.js'))) as {
      FuseState: Record<string, number>;
    };
    expect(FuseState).toEqual({
      DISABLE: constants.FuseState.DISABLE,
      ENABLE: constants.FuseState.ENABLE,
      REMOVED: constants.FuseState.REMOVED,
      INHERIT: constants.FuseState.INHERIT,
    });
  });
});

describe('the binary it flips', () => {
  it.each([
    ['linux', path.join('/build/release/unpacked', 'empty-chair')],
    ['win32', path.join('/build/release/unpacked', 'Empty Chair.exe')],
    ['darwin', path.join('/build/release/unpacked', 'Empty Chair.app')],
    ['mas', path.join('/build/release/unpacked', 'Empty Chair.app')],
  ])('on %s: %s', async (platform, expected) => {
    expect(electronBinaryPath(context(platform))).toBe(expected);
    const { hook, calls } = standIn();
    await hook(context(platform));
    expect(calls.map((call) => call.binary)).toEqual([expected]);
  });

  it('on Linux without executableName (not a LinuxPackager): the lower-case sanitized name', () => {
    const ctx = context('linux');
    delete ctx.packager.executableName;
    ctx.packager.appInfo.sanitizedName = 'Empty-Chair';
    expect(electronBinaryPath(ctx)).toBe(path.join('/build/release/unpacked', 'empty-chair'));
  });

  it('refuses a platform it does not know, and a context without an output folder', async () => {
    const { hook, calls } = standIn();
    await expect(hook(context('freebsd'))).rejects.toThrow(/freebsd/);
    await expect(hook(context('linux', ARCH.x64, ''))).rejects.toThrow(/appOutDir/);
    expect(calls).toEqual([]);
  });
});

describe('reading the fuses back', () => {
  it('fails the build when a fuse did not take, naming it', async () => {
    const { hook } = standIn(wireAsConfigured({ [FuseV1Options.RunAsNode]: FuseState.ENABLE }));
    await expect(hook(context('linux'))).rejects.toThrow(/RunAsNode is on, wanted off/);
  });

  it('fails the build when a fuse of ours is missing or removed from the binary', async () => {
    const missing = wireAsConfigured();
    delete missing[FuseV1Options.GrantFileProtocolExtraPrivileges];
    await expect(standIn(missing).hook(context('linux'))).rejects.toThrow(/GrantFileProtocolExtraPrivileges is unknown/);
    const removed = wireAsConfigured({ [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.REMOVED });
    await expect(standIn(removed).hook(context('linux'))).rejects.toThrow(/LoadBrowserProcessSpecificV8Snapshot is removed/);
  });

  it('logs what it set, and says so when the binary has fuses @electron/fuses cannot name', async () => {
    const { hook, logs } = standIn(wireAsConfigured({ '8': FuseState.ENABLE }));
    await hook(context('linux'));
    expect(logs[0]).toContain('RunAsNode=off');
    expect(logs[0]).toContain('OnlyLoadAppFromAsar=on');
    expect(logs[1]).toMatch(/9 fuses and @electron\/fuses knows 8/);
  });
});

describe('with the real @electron/fuses on a synthetic fuse wire', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes every fuse as configured into the binary and passes its own read-back', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-fuses-'));
    const binary = path.join(dir, 'empty-chair');
    // What Electron's binary holds: the sentinel, wire version 1, the wire length, then one byte
    // per fuse; here all eight start in Electron's defaults (RunAsNode on, the rest mixed).
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
    const defaults = '10110001';
    const padding = Buffer.alloc(64, 0x2e);
    fs.writeFileSync(binary, Buffer.concat([padding, Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(defaults), padding]));

    const log = vi.fn();
    await createAfterPack({ log, hostPlatform: 'linux' })(context('linux', ARCH.x64, dir));

    const bytes = fs.readFileSync(binary);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(bytes.subarray(at, at + 8).toString()).toBe('01001100');
    expect(log).toHaveBeenCalledOnce();
  });

  it('is what electron-builder.yml runs after packing', () => {
    const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(config.afterPack).toBe('./scripts/fuses.mjs');
    // One place decides the fuses: electron-builder's own fuse step stays off.
    expect(config).not.toHaveProperty('electronFuses');
    expect(afterPack).toBeTypeOf('function');
  });
});
