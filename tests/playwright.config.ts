import { defineConfig } from '@playwright/test';
import { findChromium } from '../scripts/ensure-browser.mjs';

const executablePath = findChromium() ?? undefined;

/** `web`: the UI in real Chromium against browser mode. `electron`: the desktop app, where its binary exists. */
export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/playwright',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: tests wait for conditions, so these limits cost a passing test nothing; they only have
  // to outlast a 2-core machine that other work keeps busy (a first run once took 4x as long).
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'web',
      testDir: './e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 720 },
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testDir: './electron' },
  ],
});
