/**
 * The benchmark writes its libraries directly (scripts/bench/generate.ts); the files must be what
 * the app itself writes for the same meetings, byte for byte, or the benchmark measures something else.
 */
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLibrary, generateThroughService } from '../../scripts/bench/generate';
import { openLibrary } from '../../electron/service/openLibrary';
import { dispatch } from '../../electron/service/dispatch';
import type { LibraryIndex } from '../../shared/domain';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-generate-'));
const readIndex = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'library.json'), 'utf8')) as LibraryIndex;

describe('the benchmark generator', () => {
  it('writes each meeting file and index entry exactly as the service does', () => {
    const direct = temp();
    const service = temp();
    generateLibrary(direct, { meetings: 3 });
    generateThroughService(service, { meetings: 3 });
    const files = fs.readdirSync(path.join(service, 'meetings')).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(3);
    expect(fs.readdirSync(path.join(direct, 'meetings')).sort()).toEqual(files.sort());
    // The generated meetings name the persona by its (random) id; the service's library has its own.
    const directPersona = readIndex(direct).personas[0]!.id;
    const servicePersona = readIndex(service).personas[0]!.id;
    for (const file of files) {
      const written = fs.readFileSync(path.join(direct, 'meetings', file), 'utf8').replaceAll(directPersona, servicePersona);
      expect(written).toBe(fs.readFileSync(path.join(service, 'meetings', file), 'utf8'));
    }
    const summaries = (index: LibraryIndex) => JSON.stringify(index.meetings);
    expect(summaries(readIndex(direct)).replaceAll(directPersona, servicePersona)).toBe(summaries(readIndex(service)));
  });

  it('writes a library the app opens whole', () => {
    const dir = temp();
    generateLibrary(dir, { meetings: 5 });
    const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    try {
      expect(library.service.notices).toEqual([]);
      const found = dispatch(library.service, 'ledger.search', { limit: 1 });
      expect(found.ok && (found.value as { total: number }).total).toBe(100);
    } finally {
      library.close();
    }
  });
});
