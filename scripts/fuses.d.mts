import type { FuseConfig, FuseV1Options } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  arch: number;
  packager: {
    appInfo: { productFilename: string; sanitizedName: string };
    /** Only LinuxPackager has it. */
    executableName?: string;
  };
}

export interface AfterPackDeps {
  flipFuses?: (pathToElectron: string, config: FuseConfig) => Promise<number>;
  getCurrentFuseWire?: (pathToElectron: string) => Promise<Record<string, number | string>>;
  log?: (message: string) => void;
  hostPlatform?: NodeJS.Platform;
}

export const FuseState: Readonly<{ DISABLE: number; ENABLE: number; REMOVED: number; INHERIT: number }>;
export const FUSES: Readonly<Record<FuseV1Options, boolean>>;
export function electronBinaryPath(context: AfterPackContextLike): string;
export function fuseConfigFor(
  context: AfterPackContextLike,
  hostPlatform?: NodeJS.Platform,
): FuseConfig & { resetAdHocDarwinSignature: boolean };
export function fuseMismatches(wire: Record<string, number | string>): string[];
export function createAfterPack(deps?: AfterPackDeps): (context: AfterPackContextLike) => Promise<void>;
export const afterPack: (context: AfterPackContextLike) => Promise<void>;
export default afterPack;
