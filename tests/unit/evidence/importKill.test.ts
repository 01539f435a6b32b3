/**
 * An import killed with SIGKILL (a real child process) leaves the library exactly as before: the
 * same sources and items after a restart, and no leftover files. Kills land while rows are read
 * and while the new generation file is being written (its temporary file exists).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { EvidenceLibrary, EvidenceSearchResult } from '../../../shared/evidence/schema';
import { closeNow, closeOpened, openTemp, tempDir, valueOf } from '../helpers';
import { importAndWait, writeFile } from './evidenceHelpers';

afterEach(closeOpened);

const root = path.resolve(import.meta.dirname, '../../..');

function killWhen(dataDir: string, file: string, moment: 'reading' | 'writing'): Promise<string> {
  const evidenceDir = path.join(dataDir, 'evidence');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'importChild.ts'), dataDir, file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killedAt = '';
    const kill = (why: string) => {
      if (killedAt) return;
      killedAt = why;
      child.kill('SIGKILL');
    };
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().trim().split('\n');
      const last = JSON.parse(lines.at(-1)!) as { rowsRead: number; state: string };
      if (moment === 'reading' && last.rowsRead > 5_000) kill(`reading, ${last.rowsRead} rows read`);
      if (moment === 'writing' && fs.readdirSync(evidenceDir).some((name) => name.endsWith('.tmp'))) kill('writing the new generation');
      if (last.state !== 'running' && !killedAt) kill(`too late: the import was ${last.state}`);
    });
    child.on('exit', () => (killedAt ? resolve(killedAt) : reject(new Error(`the child ended before the kill: ${stderr}`))));
  });
}

it('SIGKILL during an import leaves the library exactly as before, with no leftovers', { timeout: 240_000 }, async () => {
  const dir = tempDir();
  const dataDir = tempDir();
  const small = writeFile(dir, 'small.csv', 'id,comment\n1,The price went up\n2,Export is slow\n3,Love the dark mode\n');
  const big = writeFile(
    dir,
    'big.csv',
    'id,comment\n' + Array.from({ length: 120_000 }, (_, i) => `${i + 10},Ticket ${i} about invoices and pricing tiers`).join('\n') + '\n',
  );
  let library = openTemp(dataDir);
  expect(await importAndWait(library, { source: { name: 'Desk', kind: 'tickets' }, input: { kind: 'path', path: small } })).toMatchObject({
    state: 'done',
    added: 3,
  });
  const before = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
  const indexBefore = fs.readFileSync(path.join(dataDir, 'evidence', 'index.json'), 'utf8');
  closeNow(library);

  for (const moment of ['reading', 'writing'] as const) {
    const killedAt = await killWhen(dataDir, big, moment);
    expect(killedAt).not.toMatch(/too late/);
    console.log(`killed while ${killedAt}`);
    library = openTemp(dataDir);
    await library.service.evidence.settled();
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toEqual(before);
    expect(fs.readFileSync(path.join(dataDir, 'evidence', 'index.json'), 'utf8')).toBe(indexBefore);
    expect(fs.readdirSync(path.join(dataDir, 'evidence')).sort()).toEqual(['index.json', before.sources[0]!.file].sort());
    expect(valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'ticket invoices', limit: 50 }).total).toBe(0);
    closeNow(library);
  }
});
