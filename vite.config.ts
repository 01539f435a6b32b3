import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import electron from 'vite-plugin-electron/simple';
import { bundleForNode } from './scripts/build-server.mjs';

const here = (...parts: string[]) => path.resolve(import.meta.dirname, ...parts);

/**
 * Per test and per hook. Tests wait for conditions, never for time, so a passing test takes no longer
 * for this; it only has to outlast a 2-core machine that other work keeps busy (a first run once
 * took 4x as long as on a quiet one).
 */
const TEST_TIMEOUT_MS = 60_000;
/** expect.poll's limit (1 s by default), as Testing Library's findBy* in tests/renderer/setup.ts. */
const POLL_TIMEOUT_MS = 20_000;

/**
 * One config for the renderer (React, built to dist/renderer), the Electron main process and its
 * preload (built to dist-electron at the end of `vite build`), and the vitest projects.
 * The Electron plugin stays off under vitest and in web mode (EMPTY_CHAIR_WEB=1): it is not needed there.
 */
export default defineConfig(({ command }) => {
  const withElectron = command === 'build' && !process.env.VITEST && process.env.EMPTY_CHAIR_WEB !== '1';
  const plugins: PluginOption[] = [react()];
  if (withElectron) {
    plugins.push(
      electron({
        main: {
          entry: here('electron/main.ts'),
          vite: {
            build: {
              outDir: here('dist-electron'),
              emptyOutDir: false,
              rollupOptions: { external: ['electron'] },
            },
          },
        },
        preload: {
          // Sandboxed preloads must be CommonJS and self-contained.
          input: here('electron/preload.ts'),
          vite: {
            build: {
              outDir: here('dist-electron'),
              emptyOutDir: false,
              rollupOptions: { output: { format: 'cjs', entryFileNames: 'preload.cjs', inlineDynamicImports: true } },
            },
          },
        },
      }),
      {
        // The ledger's build runs on a worker from a file of its own (electron/service/ledger/build.ts):
        // one CommonJS file holding all it needs, which a worker loads from the app's archive too.
        name: 'empty-chair-ledger-worker',
        apply: 'build',
        async closeBundle() {
          await bundleForNode('ledgerBuildWorker.ts', here('dist-electron'), 'ledgerBuildWorker.cjs');
        },
      },
    );
  }
  return {
    root: 'renderer',
    base: './',
    plugins,
    build: {
      outDir: process.env.EMPTY_CHAIR_RENDERER_DIR ? path.resolve(process.env.EMPTY_CHAIR_RENDERER_DIR) : here('dist/renderer'),
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
    },
    server: { host: '127.0.0.1', strictPort: false },
    test: {
      root: '.',
      globalSetup: ['tests/tempRoot.ts'],
      projects: [
        {
          extends: false,
          test: {
            name: 'node',
            root: '.',
            environment: 'node',
            include: ['tests/unit/**/*.test.ts'],
            testTimeout: TEST_TIMEOUT_MS,
            hookTimeout: TEST_TIMEOUT_MS,
            expect: { poll: { timeout: POLL_TIMEOUT_MS } },
          },
        },
        {
          extends: false,
          plugins: [react()],
          test: {
            name: 'renderer',
            root: '.',
            environment: 'jsdom',
            include: ['tests/renderer/**/*.test.tsx', 'tests/renderer/**/*.test.ts'],
            setupFiles: ['tests/renderer/setup.ts'],
            testTimeout: TEST_TIMEOUT_MS,
            hookTimeout: TEST_TIMEOUT_MS,
            expect: { poll: { timeout: POLL_TIMEOUT_MS } },
          },
        },
      ],
    },
  };
});
