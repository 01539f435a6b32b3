// Electron security scan for `npm test`: runs Electronegativity (@doyensec/electronegativity) over
// the code that ends up in the desktop app, writes SARIF to test-results/electronegativity.sarif,
// then reads that SARIF back and exits 1 on any HIGH or MEDIUM finding that docs/security.md
// has not accepted, or when a file could not be scanned.
//
//   node scripts/electronegativity.mjs            scan and gate
//   node scripts/electronegativity.mjs --check F  gate an existing SARIF file only
//
// Why this script writes the SARIF itself: Electronegativity's own SARIF (src/util/file.js,
// writeIssues) drops the severity. Every result gets level "warning", or "note" when the check
// asks for manual review, whatever its severity; a HIGH finding and an INFORMATIONAL one look the
// same. Its programmatic API (`run`, the package's main) returns each finding with the severity
// and confidence the check assigned (src/finder/attributes.js: HIGH, MEDIUM, LOW, INFORMATIONAL),
// so this script asks the API and writes SARIF 2.1.0 in the same shape, with
//   level = error (HIGH) | warning (MEDIUM) | note (LOW, INFORMATIONAL)
//   properties = { severity, confidence, reviewRequired }
// and an accepted finding carries a SARIF `suppressions` entry with the reason. The gate then fails
// on every level error/warning result without an accepted suppression: exactly HIGH and MEDIUM.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SARIF_FILE = path.join(ROOT, 'test-results', 'electronegativity.sarif');
const STAGE_DIR = path.join(ROOT, 'test-results', 'electronegativity-input');

/**
 * What is scanned, relative to the repository. Sources as written, and the build where it exists
 * (`vite build` makes it; without it only sources are scanned, and the script says so).
 */
export const SCAN_ROOTS = [
  { path: 'electron', built: false },
  { path: 'shared', built: false },
  { path: 'renderer', built: false },
  { path: 'package.json', built: false },
  { path: 'dist-electron', built: true },
  { path: 'dist/renderer', built: true },
];

/**
 * Findings reviewed and accepted, each matched by rule, file, a piece of the flagged source line
 * and how many times it may occur (a new call of the same kind fails until it is reviewed too).
 * The reasons are spelled out in docs/security.md, section "Electronegativity".
 */
export const ACCEPTED = [
  {
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    snippet: 'shell.openExternal(url)',
    count: 1,
    reason:
      'The one call of shell.openExternal, inside openExternalIfSafe, runs only after isSafeExternalUrl (https without credentials, or mailto); tests/unit/security.test.ts and tests/unit/main.test.ts prove both.',
  },
  {
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'dist-electron/main.js',
    snippet: '.openExternal(',
    count: 1,
    reason: 'The same call as in electron/main.ts (openExternalIfSafe), bundled and minified by vite build.',
  },
  {
    rule: 'PRELOAD_JS_CHECK',
    file: 'electron/main.ts',
    snippet: 'preload: PRELOAD_FILE',
    count: 1,
    reason:
      'The preload is our own sandboxed dist-electron/preload.cjs; it exposes invoke and subscribe only (tests/unit/preload.test.ts), and the main process checks every sender (tests/unit/ipc.test.ts).',
  },
];

/** Electronegativity's file types (src/util/file.js, list_files); other files are never read. */
const SCANNED_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const BUILT_SCRIPT_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);

export const LEVEL_BY_SEVERITY = Object.freeze({ HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFORMATIONAL: 'note' });

function listFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Copies what is to be scanned into `stageDir`, keeping paths relative to `root`, and returns a map
 * from staged relative path to real relative path. Two renames, both for the build:
 * - .cjs and .mjs: Electronegativity only reads .js/.ts/.jsx/.tsx/.html and would skip the preload
 *   bundle (preload.cjs) without a word.
 * - every built script becomes <name>.ts: for .js files Electronegativity 1.10 walks the tree with
 *   escope, which stops at class private fields (conf, bundled into dist-electron/main.js, uses
 *   them: "Unknown node type ClassPrivateProperty"), so the main bundle would go unscanned. Its .ts
 *   path parses the same JavaScript with @babel/parser and runs the same checks.
 */
export function stage({ root = ROOT, stageDir = STAGE_DIR, roots = SCAN_ROOTS } = {}) {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  const realPathOf = new Map();
  const scanned = [];
  const missing = [];
  for (const entry of roots) {
    const source = path.join(root, entry.path);
    if (!fs.existsSync(source)) {
      missing.push(entry.path);
      continue;
    }
    scanned.push(entry.path);
    const files = fs.statSync(source).isDirectory() ? listFiles(source) : [source];
    for (const file of files) {
      const real = path.relative(root, file).split(path.sep).join('/');
      if (real.split('/').includes('node_modules')) continue;
      const ext = path.extname(file).toLowerCase();
      let staged = real;
      if (entry.built && BUILT_SCRIPT_EXTENSIONS.has(ext)) staged = `${real}.ts`;
      else if (!SCANNED_EXTENSIONS.has(ext) && path.basename(file) !== 'package.json') continue;
      const target = path.join(stageDir, ...staged.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target);
      realPathOf.set(staged, real);
    }
  }
  return { realPathOf, scanned, missing };
}

/** The Electron version the app ships with (node_modules/electron), which sets the checks' defaults. */
export function electronVersion(root = ROOT) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return '45.0.0';
  }
}

/**
 * Runs Electronegativity over the staged copy. AvailableSecurityFixesGlobalCheck is left out: it
 * downloads Electron's release list from GitHub on every run (offline it retries for seconds, then
 * reports nothing); docs/security.md item 16 says how the Electron version is kept current instead.
 */
export async function scan({ root = ROOT, stageDir = STAGE_DIR, roots = SCAN_ROOTS, version = electronVersion(root) } = {}) {
  const { realPathOf, scanned, missing } = stage({ root, stageDir, roots });
  const run = require('@doyensec/electronegativity');
  const lang = process.env.LANG;
  process.env.LANG = 'en-US'; // its messages are looked up by LANG; keep them in English
  let result;
  try {
    result = await run(
      {
        input: stageDir,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        electronVersionOverride: version,
        isRelative: true,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    if (lang === undefined) delete process.env.LANG;
    else process.env.LANG = lang;
  }
  const realPath = (file) => {
    if (!file || file === 'N/A') return null;
    const relative = path.isAbsolute(file) ? path.relative(stageDir, file) : file;
    const key = relative.split(path.sep).join('/');
    return realPathOf.get(key) ?? key;
  };
  const findings = result.issues.map((issue) => ({
    rule: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    reviewRequired: Boolean(issue.manualReview),
    file: realPath(issue.file),
    line: issue.location?.line || 1,
    column: (issue.location?.column ?? 0) + 1,
    snippet: typeof issue.sample === 'string' ? issue.sample.trim() : '',
    message: String(issue.description ?? issue.id),
    helpUri: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
  }));
  const errors = result.errors.map((error) => ({
    file: realPath(error.file),
    message: error.message,
    tolerable: Boolean(error.tolerable),
  }));
  return { findings, errors, scanned, missing, version };
}

const matches = (acceptance, finding) =>
  acceptance.rule === finding.rule && acceptance.file === finding.file && finding.snippet.includes(acceptance.snippet);

/**
 * Marks accepted findings. An acceptance matched more often than its `count` accepts none of them
 * (something new appeared next to the reviewed code); one that matches nothing in a scanned file is
 * reported as stale, so the list never outlives the code it describes.
 */
export function applyAcceptances(findings, scannedFiles, accepted = ACCEPTED) {
  const problems = [];
  const acceptedBy = new Map();
  for (const acceptance of accepted) {
    const matched = findings.filter((finding) => matches(acceptance, finding));
    if (matched.length === 0) {
      if (scannedFiles.has(acceptance.file))
        problems.push(
          `accepted ${acceptance.rule} in ${acceptance.file} ("${acceptance.snippet}") is no longer reported: remove it from ACCEPTED and docs/security.md`,
        );
      continue;
    }
    if (matched.length !== acceptance.count) {
      problems.push(
        `${acceptance.rule} in ${acceptance.file} ("${acceptance.snippet}") is reported ${matched.length} times, ${acceptance.count} reviewed: review the new ones`,
      );
      continue;
    }
    for (const finding of matched) acceptedBy.set(finding, acceptance.reason);
  }
  return { acceptedBy, problems };
}

/** SARIF 2.1.0, shaped like Electronegativity's own (src/util/file.js) plus severity and suppressions. */
export function toSarif({ findings, errors, version, missing = [], accepted = ACCEPTED, scannedFiles = new Set() }) {
  const { acceptedBy, problems } = applyAcceptances(findings, scannedFiles, accepted);
  const { version: toolVersion } = require('@doyensec/electronegativity/package.json');
  const rules = [...new Map(findings.map((finding) => [finding.rule, finding])).values()].map((finding) => ({
    id: finding.rule,
    fullDescription: { text: finding.message },
    helpUri: finding.helpUri,
    help: { text: finding.helpUri },
    properties: { category: 'Security' },
  }));
  const notifications = [
    ...errors.map((error) => ({
      level: error.tolerable ? 'warning' : 'error',
      message: { text: `${error.file ?? '(unknown file)'} could not be scanned: ${error.message}` },
    })),
    ...problems.map((text) => ({ level: 'error', message: { text } })),
    ...missing.map((item) => ({ level: 'note', message: { text: `${item} is not there (not built yet?) and was not scanned` } })),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            version: toolVersion,
            informationUri: 'https://github.com/doyensec/electronegativity',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: !notifications.some((notification) => notification.level === 'error'),
            toolExecutionNotifications: notifications,
            properties: { targetElectronVersion: version },
          },
        ],
        results: findings.map((finding) => {
          const reason = acceptedBy.get(finding);
          return {
            ruleId: finding.rule,
            level: LEVEL_BY_SEVERITY[finding.severity] ?? 'error',
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: finding.file ?? 'N/A' },
                  region: {
                    startLine: finding.line,
                    startColumn: finding.column,
                    ...(finding.snippet ? { snippet: { text: finding.snippet } } : {}),
                  },
                },
              },
            ],
            properties: { severity: finding.severity, confidence: finding.confidence, reviewRequired: finding.reviewRequired },
            ...(reason ? { suppressions: [{ kind: 'external', status: 'accepted', justification: reason }] } : {}),
          };
        }),
      },
    ],
  };
}

const isAccepted = (result) => (result.suppressions ?? []).some((suppression) => suppression.status === 'accepted');

/** Reads a SARIF document and decides: every level error/warning result not accepted fails, and so does an unsuccessful run. */
export function gate(sarif) {
  const lines = [];
  const failures = [];
  for (const run of sarif.runs ?? []) {
    for (const result of run.results ?? []) {
      const location = result.locations?.[0]?.physicalLocation;
      const where = `${location?.artifactLocation?.uri ?? 'N/A'}:${location?.region?.startLine ?? 1}:${location?.region?.startColumn ?? 1}`;
      const severity = result.properties?.severity ?? '?';
      const blocking = (result.level === 'error' || result.level === 'warning') && !isAccepted(result);
      const note = isAccepted(result)
        ? `  [accepted: ${result.suppressions[0].justification}]`
        : result.properties?.reviewRequired
          ? '  [review]'
          : '';
      const line = `${blocking ? '✘' : ' '} ${severity.padEnd(13)} ${result.ruleId}  ${where}  ${result.message?.text ?? ''}${note}`;
      lines.push(line);
      if (blocking) failures.push(line);
    }
    for (const invocation of run.invocations ?? []) {
      for (const notification of invocation.toolExecutionNotifications ?? []) {
        const line = `${notification.level === 'error' ? '✘' : ' '} ${notification.level.toUpperCase().padEnd(13)} ${notification.message.text}`;
        lines.push(line);
        if (notification.level === 'error') failures.push(line);
      }
      if (invocation.executionSuccessful === false && !(invocation.toolExecutionNotifications ?? []).some((n) => n.level === 'error')) {
        failures.push('✘ the scan did not complete');
      }
    }
  }
  const count = (severity) =>
    (sarif.runs ?? []).flatMap((run) => run.results ?? []).filter((result) => result.properties?.severity === severity).length;
  const summary = `HIGH ${count('HIGH')}, MEDIUM ${count('MEDIUM')}, LOW ${count('LOW')}, INFORMATIONAL ${count('INFORMATIONAL')}`;
  return { ok: failures.length === 0, lines, failures, summary };
}

function report(sarif, file) {
  const { ok, lines, failures, summary } = gate(sarif);
  for (const line of lines) console.log(line);
  console.log(`Electronegativity: ${summary} (SARIF: ${path.relative(ROOT, file)})`);
  if (!ok) {
    console.error(
      `\n${failures.length} problem(s) to fix (or, for a false positive, to accept in scripts/electronegativity.mjs and docs/security.md):`,
    );
    for (const failure of failures) console.error(failure);
  } else {
    console.log('No HIGH or MEDIUM finding left open.');
  }
  return ok;
}

async function main(argv) {
  const checkAt = argv.indexOf('--check');
  if (checkAt !== -1) {
    const file = path.resolve(argv[checkAt + 1] ?? SARIF_FILE);
    return report(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  }
  const started = Date.now();
  const { findings, errors, scanned, missing, version } = await scan();
  const scannedFiles = new Set(
    scanned.flatMap((entry) => {
      const full = path.join(ROOT, entry);
      return fs.statSync(full).isDirectory() ? listFiles(full).map((file) => path.relative(ROOT, file).split(path.sep).join('/')) : [entry];
    }),
  );
  fs.mkdirSync(path.dirname(SARIF_FILE), { recursive: true });
  fs.writeFileSync(SARIF_FILE, `${JSON.stringify(toSarif({ findings, errors, version, missing, scannedFiles }), null, 2)}\n`);
  console.log(`Scanned ${scanned.join(', ')} for Electron ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  // The decision is taken on the file, as a CI upload or another reader would see it.
  return report(JSON.parse(fs.readFileSync(SARIF_FILE, 'utf8')), SARIF_FILE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
