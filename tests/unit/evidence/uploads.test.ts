/**
 * Files sent from the screen in chunks (evidence.uploadStart / uploadChunk / uploadCancel), then
 * imported as `{ kind: 'upload' }`: limits at the limit and one over (chunk size through the real
 * dispatcher; the 250 MB total through the API's own check on the announced size, and through a
 * small limit injected into Uploads for the bytes really sent), offsets, cancel, and clean-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import type { EvidenceLibrary, EvidencePreview, ImportProgress, UploadProgress } from '../../../shared/evidence/schema';
import { Uploads, UPLOADS_DIR } from '../../../electron/service/evidence/uploads';
import { closeOpened, freshLibrary, tempDir } from '../helpers';

afterEach(closeOpened);

const CSV = 'id,subject,description,requester\n1,Pricing,The price doubled,Acme\n2,Export,Export is slow,Globex\n';
const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

function uploadWhole(value: ReturnType<typeof freshLibrary>['value'], name: string, bytes: Buffer, chunk = 7): string {
  const { uploadId } = value<UploadProgress>('evidence.uploadStart', { fileName: name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    value<UploadProgress>('evidence.uploadChunk', { uploadId, offset, base64: b64(bytes.subarray(offset, offset + chunk)) });
  }
  return uploadId;
}

describe('uploads through the API', () => {
  it('a file sent in chunks previews and imports under its own name, and its upload file is then gone', async () => {
    const { library, value, dir } = freshLibrary();
    const uploadId = uploadWhole(value, 'tickets.csv', Buffer.from(CSV));
    const preview = value<EvidencePreview>('evidence.preview', { input: { kind: 'upload', uploadId } });
    expect(preview.rows).toHaveLength(2);
    const started = value<ImportProgress>('evidence.import', {
      source: { name: 'Help desk', kind: 'tickets' },
      input: { kind: 'upload', uploadId },
    });
    expect(started.fileName).toBe('tickets.csv');
    await library.service.evidence.settled();
    const done = value<ImportProgress>('evidence.importStatus', { jobId: started.jobId });
    expect(done).toMatchObject({ state: 'done', added: 2, bytesRead: CSV.length, bytesTotal: CSV.length });
    expect(value<EvidenceLibrary>('evidence.library', {}).sources[0]).toMatchObject({ fileName: 'tickets.csv', itemCount: 2 });
    expect(fs.readdirSync(path.join(dir, UPLOADS_DIR))).toEqual([]);
    expect(() => value('evidence.preview', { input: { kind: 'upload', uploadId } })).toThrow(/There is no upload/);
  });

  it('a chunk of exactly the limit is taken; one byte more is refused and adds nothing', () => {
    const { value, call } = freshLibrary();
    const max = EVIDENCE_LIMITS.uploadChunkBytesMax;
    const { uploadId } = value<UploadProgress>('evidence.uploadStart', { fileName: 'big.csv', size: 2 * max + 1 });
    expect(value<UploadProgress>('evidence.uploadChunk', { uploadId, offset: 0, base64: b64(Buffer.alloc(max, 97)) }).received).toBe(max);
    const over = call('evidence.uploadChunk', { uploadId, offset: max, base64: b64(Buffer.alloc(max + 1, 97)) });
    expect(over.ok).toBe(false);
    expect(!over.ok && over.error).toMatchObject({
      code: 'limit_exceeded',
      message: expect.stringMatching(/big\.csv: a chunk is 524289 bytes; at most 524288/),
    });
    const state = value<UploadProgress>('evidence.uploadChunk', { uploadId, offset: max, base64: b64(Buffer.alloc(max, 98)) });
    expect(state).toMatchObject({ received: 2 * max, complete: false });
  });

  it('announcing exactly 250 MB is accepted, one byte more is refused (no bytes need to be sent to check)', () => {
    const { value, call } = freshLibrary();
    expect(value<UploadProgress>('evidence.uploadStart', { fileName: 'max.csv', size: EVIDENCE_LIMITS.fileBytesMax })).toMatchObject({
      received: 0,
      complete: false,
    });
    const over = call('evidence.uploadStart', { fileName: 'over.csv', size: EVIDENCE_LIMITS.fileBytesMax + 1 });
    expect(!over.ok && over.error.code).toBe('invalid_input');
    expect(!over.ok && over.error.message).toBe('Size must be at most 262144000 bytes (250 MB).');
  });

  it('refuses a chunk at the wrong offset, past the announced size, an incomplete import, and cancels cleanly', () => {
    const { value, call, dir } = freshLibrary();
    const { uploadId } = value<UploadProgress>('evidence.uploadStart', { fileName: 'a.csv', size: 10 });
    value('evidence.uploadChunk', { uploadId, offset: 0, base64: b64('comment\n') });
    const wrong = call('evidence.uploadChunk', { uploadId, offset: 0, base64: b64('xy') });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('8 bytes are in') });
    const past = call('evidence.uploadChunk', { uploadId, offset: 8, base64: b64('xyz') });
    expect(!past.ok && past.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('more than the 10 announced') });
    const early = call('evidence.import', { source: { name: 'S', kind: 'other' }, input: { kind: 'upload', uploadId } });
    expect(!early.ok && early.error.message).toMatch(/a\.csv: only 8 of its 10 bytes have arrived/);
    expect(value<EvidenceLibrary>('evidence.library', {}).sources).toEqual([]);
    expect(fs.readFileSync(path.join(dir, UPLOADS_DIR, `${uploadId}.part`), 'utf8')).toBe('comment\n');
    expect(value('evidence.uploadCancel', { uploadId })).toEqual({ uploadId });
    expect(fs.readdirSync(path.join(dir, UPLOADS_DIR))).toEqual([]);
    expect(call('evidence.uploadChunk', { uploadId, offset: 8, base64: b64('ab') }).ok).toBe(false);
  });

  it('an accounts file can be uploaded too, and its upload is released after it is read', () => {
    const { value, dir } = freshLibrary();
    const uploadId = uploadWhole(value, 'accounts.csv', Buffer.from('name,arr,currency\nAcme,120000,USD\n'));
    expect(value('evidence.importAccounts', { input: { kind: 'upload', uploadId } })).toEqual({ accountCount: 1 });
    expect(fs.readdirSync(path.join(dir, UPLOADS_DIR))).toEqual([]);
  });
});

describe('Uploads with small limits injected', () => {
  const clock = () => {
    let ids = 0;
    let now = Date.parse('2026-12-01T10:00:00Z');
    return { now: () => new Date(now), newId: () => `up${++ids}`, advance: (ms: number) => (now += ms) };
  };

  it('a file of exactly the total limit is taken; limit + 1 is refused with a message naming the file', () => {
    const uploads = new Uploads(tempDir(), clock(), { fileBytesMax: 100, chunkBytesMax: 40 });
    const up = uploads.start('limit.csv', 100);
    for (let offset = 0; offset < 100; offset += 40) uploads.chunk(up.uploadId, offset, b64(Buffer.alloc(Math.min(40, 100 - offset), 65)));
    expect(uploads.input(up.uploadId).size).toBe(100);
    expect(() => uploads.start('over.csv', 101)).toThrow(ApiError);
    expect(() => uploads.start('over.csv', 101)).toThrow(/over\.csv: is 0\.0 MB; files of at most 0\.0 MB/);
    expect(() => uploads.chunk(up.uploadId, 100, b64('x'))).toThrow(/more than the 100 announced/);
  });

  it('at most openMax uploads at once; an idle one is dropped to make room; a restart empties the folder', () => {
    const dataDir = tempDir();
    const time = clock();
    const uploads = new Uploads(dataDir, time, { openMax: 2, idleMs: 1_000 });
    uploads.start('a.csv', 5);
    time.advance(600);
    uploads.start('b.csv', 5);
    expect(() => uploads.start('c.csv', 5)).toThrow(/2 uploads are open already; finish or cancel one before sending c\.csv/);
    time.advance(600);
    expect(uploads.start('c.csv', 5).uploadId).toBe('up3');
    expect(fs.readdirSync(path.join(dataDir, UPLOADS_DIR)).sort()).toEqual(['up2.part', 'up3.part']);
    new Uploads(dataDir, time);
    expect(fs.existsSync(path.join(dataDir, UPLOADS_DIR))).toBe(false);
  });
});
