/**
 * scripts/electronegativity.mjs, the Electron security gate of `npm test`: how it turns
 * Electronegativity's findings into SARIF with their severity, what the gate fails on, and (once,
 * against the real tool on a small fixture app) that a HIGH finding really fails it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCEPTED,
  applyAcceptances,
  gate,
  LEVEL_BY_SEVERITY,
  scan,
  SCAN_ROOTS,
  stage,
  toSarif,
  type Finding,
} from '../../scripts/electronegativity.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PACKAGE = path.join(ROOT, 'node_modules', '@doyensec', 'electronegativity');

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'SANDBOX_JS_CHECK',
    severity: 'MEDIUM',
    confidence: 'CERTAIN',
    reviewRequired: false,
    file: 'electron/main.ts',
    line: 10,
    column: 3,
    snippet: 'new BrowserWindow({',
    message: 'Use sandbox for untrusted origins',
    helpUri: 'https://github.com/doyensec/electronegativity/wiki/SANDBOX_JS_CHECK',
    ...overrides,
  };
}

const sarifOf = (findings: Finding[], extra: Partial<Parameters<typeof toSarif>[0]> = {}) =>
  toSarif({ findings, errors: [], version: '45.4.1', accepted: [], ...extra });

describe('what Electronegativity itself gives', () => {
  it('its own SARIF has no severity: level is only warning, or note for manual review (why the script writes its own)', () => {
    const writer = fs.readFileSync(path.join(PACKAGE, 'src', 'util', 'file.js'), 'utf8');
    const sarifBranch = writer.slice(writer.indexOf('if (isSarif) {'), writer.indexOf('writeCsvHeader(filename);'));
    expect(sarifBranch).toContain("level: `${issue.manualReview ? 'note' : 'warning'}`");
    expect(sarifBranch).not.toMatch(/severity/);
    // The CSV output does carry it.
    expect(writer).toContain('escapeCsv(issue.severity.name)');
  });

  it('its findings carry one of four severities, and each has a SARIF level', async () => {
    const { severity } = (await import(path.join(PACKAGE, 'dist', 'finder', 'attributes.js'))) as {
      severity: Record<string, { name: string }>;
    };
    expect(
      Object.values(severity)
        .map((s) => s.name)
        .sort(),
    ).toEqual(Object.keys(LEVEL_BY_SEVERITY).sort());
    expect(LEVEL_BY_SEVERITY).toEqual({ HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFORMATIONAL: 'note' });
  });
});

describe('SARIF it writes', () => {
  it('keeps each finding with its severity, location, snippet and rule', () => {
    const sarif = sarifOf([finding({ severity: 'HIGH', rule: 'CONTEXT_ISOLATION_JS_CHECK', reviewRequired: true })]);
    const run = sarif.runs[0];
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('Electronegativity');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
    expect(run.results).toEqual([
      {
        ruleId: 'CONTEXT_ISOLATION_JS_CHECK',
        level: 'error',
        message: { text: 'Use sandbox for untrusted origins' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'electron/main.ts' },
              region: { startLine: 10, startColumn: 3, snippet: { text: 'new BrowserWindow({' } },
            },
          },
        ],
        properties: { severity: 'HIGH', confidence: 'CERTAIN', reviewRequired: true },
      },
    ]);
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: true, properties: { targetElectronVersion: '45.4.1' } });
  });

  it('marks an accepted finding with a suppression and its reason', () => {
    const accepted = [{ rule: 'SANDBOX_JS_CHECK', file: 'electron/main.ts', snippet: 'BrowserWindow', count: 1, reason: 'Because.' }];
    const result = sarifOf([finding()], { accepted }).runs[0].results[0];
    expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Because.' }]);
  });
});

describe('accepting reviewed findings', () => {
  const acceptance = {
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    snippet: 'shell.openExternal(url)',
    count: 1,
    reason: 'Checked first.',
  };
  const call = finding({ rule: 'OPEN_EXTERNAL_JS_CHECK', snippet: 'shell.openExternal(url).catch(() => {});' });

  it('matches by rule, file and source line only', () => {
    const scanned = new Set(['electron/main.ts', 'electron/other.ts']);
    expect(applyAcceptances([call], scanned, [acceptance]).acceptedBy.size).toBe(1);
    for (const other of [
      finding({ rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/other.ts', snippet: call.snippet }),
      finding({ rule: 'OPEN_EXTERNAL_JS_CHECK', snippet: 'shell.openExternal(event.url)' }),
      finding({ rule: 'PRELOAD_JS_CHECK', snippet: call.snippet }),
    ]) {
      expect(applyAcceptances([other], scanned, [acceptance]).acceptedBy.size).toBe(0);
    }
  });

  it('accepts none when the reviewed call appears more often than reviewed', () => {
    const { acceptedBy, problems } = applyAcceptances([call, { ...call, line: 99 }], new Set(['electron/main.ts']), [acceptance]);
    expect(acceptedBy.size).toBe(0);
    expect(problems).toEqual([expect.stringMatching(/reported 2 times, 1 reviewed/)]);
  });

  it('reports an acceptance that no longer matches a scanned file, and ignores one for a file not scanned (no build yet)', () => {
    expect(applyAcceptances([], new Set(['electron/main.ts']), [acceptance]).problems).toEqual([
      expect.stringMatching(/no longer reported/),
    ]);
    expect(applyAcceptances([], new Set(), [acceptance]).problems).toEqual([]);
  });

  it('every accepted finding has a reason and is written up in docs/security.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');
    expect(ACCEPTED.length).toBeGreaterThan(0);
    for (const entry of ACCEPTED) {
      expect(entry.reason.length, entry.rule).toBeGreaterThan(20);
      expect(doc).toContain(`\`${entry.rule}\``);
      expect(doc).toContain(`\`${entry.file}\``);
    }
  });
});

describe('the gate', () => {
  it('fails on HIGH and MEDIUM, whether the check found it itself or asks for review', () => {
    for (const severity of ['HIGH', 'MEDIUM'] as const) {
      for (const reviewRequired of [false, true]) {
        const result = gate(sarifOf([finding({ severity, reviewRequired })]));
        expect(result.ok, `${severity} review=${reviewRequired}`).toBe(false);
        expect(result.failures).toEqual([expect.stringContaining('SANDBOX_JS_CHECK  electron/main.ts:10:3')]);
      }
    }
  });

  it('prints LOW and INFORMATIONAL findings but passes', () => {
    const result = gate(sarifOf([finding({ severity: 'LOW' }), finding({ severity: 'INFORMATIONAL', file: null })]));
    expect(result.ok).toBe(true);
    expect(result.lines).toHaveLength(2);
    expect(result.lines[1]).toContain('N/A:10:3');
    expect(result.summary).toBe('HIGH 0, MEDIUM 0, LOW 1, INFORMATIONAL 1');
  });

  it('passes an accepted MEDIUM finding, and shows why', () => {
    const accepted = [{ rule: 'SANDBOX_JS_CHECK', file: 'electron/main.ts', snippet: 'BrowserWindow', count: 1, reason: 'Reviewed.' }];
    const result = gate(sarifOf([finding()], { accepted }));
    expect(result.ok).toBe(true);
    expect(result.lines[0]).toContain('[accepted: Reviewed.]');
  });

  it('fails when a file could not be scanned, or the acceptances are out of date', () => {
    const unparsed = gate(sarifOf([], { errors: [{ file: 'electron/main.ts', message: 'Unexpected token', tolerable: false }] }));
    expect(unparsed.ok).toBe(false);
    expect(unparsed.failures[0]).toContain('electron/main.ts could not be scanned: Unexpected token');
    const tolerable = gate(sarifOf([], { errors: [{ file: 'electron/main.ts', message: 'recovered', tolerable: true }] }));
    expect(tolerable.ok).toBe(true);
    const stale = gate(
      sarifOf([], {
        accepted: [{ rule: 'X', file: 'electron/main.ts', snippet: 'y', count: 1, reason: 'r' }],
        scannedFiles: new Set(['electron/main.ts']),
      }),
    );
    expect(stale.ok).toBe(false);
  });

  it('decides on a SARIF read from disk the same way (a run that did not finish fails)', () => {
    const sarif = JSON.parse(JSON.stringify(sarifOf([finding({ severity: 'LOW' })])));
    sarif.runs[0].invocations[0].executionSuccessful = false;
    expect(gate(sarif).ok).toBe(false);
  });
});

describe('scanning', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('covers the main process, preload, shared code and renderer, sources and build', () => {
    expect(SCAN_ROOTS.map((root) => root.path)).toEqual([
      'electron',
      'shared',
      'renderer',
      'package.json',
      'dist-electron',
      'dist/renderer',
    ]);
  });

  it('stages built .cjs/.mjs/.js as .ts (else skipped or unparsed) and maps them back; skips node_modules and other files', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-eg-'));
    const write = (file: string, text = '') => {
      fs.mkdirSync(path.dirname(path.join(dir!, file)), { recursive: true });
      fs.writeFileSync(path.join(dir!, file), text);
    };
    write('src/main.ts');
    write('src/index.html');
    write('src/icon.png');
    write('src/node_modules/dep/index.js');
    write('build/main.js');
    write('build/preload.cjs');
    write('build/index.html');
    const { realPathOf, scanned, missing } = stage({
      root: dir,
      stageDir: path.join(dir, 'stage'),
      roots: [
        { path: 'src', built: false },
        { path: 'build', built: true },
        { path: 'absent', built: true },
      ],
    });
    expect(Object.fromEntries(realPathOf)).toEqual({
      'src/main.ts': 'src/main.ts',
      'src/index.html': 'src/index.html',
      'build/main.js.ts': 'build/main.js',
      'build/preload.cjs.ts': 'build/preload.cjs',
      'build/index.html': 'build/index.html',
    });
    expect(scanned).toEqual(['src', 'build']);
    expect(missing).toEqual(['absent']);
  });

  it('with the real Electronegativity: a window without context isolation fails the gate, a safe one passes', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-eg-'));
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    const window = (isolation: boolean) => `import { BrowserWindow, session, shell } from 'electron';
session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));
session.defaultSession.webRequest.onHeadersReceived((d, cb) => cb({ responseHeaders: { ...d.responseHeaders, 'Content-Security-Policy': ["default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'"] } }));
const win = new BrowserWindow({ webPreferences: { contextIsolation: ${isolation}, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
win.webContents.on('will-navigate', (event) => event.preventDefault());
win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
`;
    fs.writeFileSync(path.join(app, 'main.ts'), window(false));
    fs.writeFileSync(
      path.join(app, 'preload.cjs'),
      `const { shell } = require('electron');\nmodule.exports = (link) => shell.openExternal(link);\n`,
    );
    const roots = [
      { path: 'app/main.ts', built: false },
      { path: 'app/preload.cjs', built: true },
    ];
    const unsafe = await scan({ root: dir, stageDir: path.join(dir, 'stage'), roots, version: '45.4.1' });
    const unsafeGate = gate(toSarif({ ...unsafe, accepted: [] }));
    expect(unsafeGate.ok).toBe(false);
    expect(unsafeGate.failures.join('\n')).toMatch(/HIGH +CONTEXT_ISOLATION_JS_CHECK {2}app\/main\.ts:4:/);
    // The .cjs file was scanned, under its own name.
    expect(unsafeGate.failures.join('\n')).toMatch(/MEDIUM +OPEN_EXTERNAL_JS_CHECK {2}app\/preload\.cjs:2:/);

    fs.writeFileSync(path.join(app, 'main.ts'), window(true));
    fs.rmSync(path.join(app, 'preload.cjs'));
    const safe = await scan({ root: dir, stageDir: path.join(dir, 'stage'), roots: roots.slice(0, 1), version: '45.4.1' });
    const safeGate = gate(toSarif({ ...safe, accepted: [] }));
    expect(safeGate.failures).toEqual([]);
  }, 30_000);
});
