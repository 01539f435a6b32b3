/**
 * The few globals shared/ may use: web standards that both Node and browsers provide. shared/ is
 * compiled without DOM or Node types (tsconfig.shared.json), so anything not declared here, such
 * as `process`, `Buffer`, `window` or `document`, is a compile error in shared code.
 */
declare function setTimeout(callback: () => void, ms?: number): unknown;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * A JSON file's text, as the bundler's `?raw` suffix imports it (Vite builds and Vitest alike):
 * parsed when first needed, instead of built as an object while the module loads.
 */
declare module '*.json?raw' {
  const text: string;
  export default text;
}
