/**
 * Property-based fuzzing of every API method (fast-check, seeded). Payloads are random values and
 * mutations of valid inputs (a field replaced, dropped or added). For every payload: dispatch never
 * throws, never answers 'internal' (that would be a bug), and when it refuses, the files on disk
 * and the service's memory are exactly as before. FUZZ_RUNS sets the total (npm run test:fuzz: 100,000).
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import { ERROR_CODES, type Result } from '../../shared/errors';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { createParticipantSharing } from '../../electron/server/participantSharing';
import { open, sampleDraft, tempDir } from './helpers';

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const runsPerMethod = Math.max(20, Math.ceil(TOTAL_RUNS / METHOD_NAMES.length));
export let payloadsTried = 0;

let library: OpenLibrary;
let dir: string;
let meeting: Meeting;
let personaId: string;

function fixture() {
  const persona = dispatch(library.service, 'personas.create', { name: 'Priya' });
  personaId = persona.ok ? (persona.value as { id: string }).id : personaId;
  const created = dispatch(library.service, 'meetings.create', sampleDraft({ personaIds: [personaId] }));
  if (!created.ok) throw new Error(created.error.message);
  meeting = created.value as Meeting;
  const started = dispatch(library.service, 'meetings.start', { id: meeting.id });
  const decided = dispatch(library.service, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'x' },
  });
  if (!started.ok || !decided.ok) throw new Error('fixture failed');
  meeting = decided.value as Meeting;
}

function freshLibrary() {
  library?.close();
  dir = tempDir('empty-chair-fuzz-');
  library = open(dir, { sharing: createParticipantSharing() }); // sharing.start is fuzzed against the real server
  fixture();
}

beforeAll(freshLibrary);
afterAll(() => {
  library.close();
  console.log(`fuzz: ${payloadsTried} payloads over ${METHOD_NAMES.length} methods, seed ${SEED}`);
});

/** A valid input for each method, from the current fixture: the seed the mutations start from. */
function validInput(method: MethodName): Record<string, unknown> {
  const item = meeting.agenda[0]!;
  const decision = item.decisions[0];
  const byMethod: Partial<Record<MethodName, Record<string, unknown>>> = {
    'meetings.get': { id: meeting.id },
    'meetings.create': sampleDraft() as Record<string, unknown>,
    'meetings.update': { id: meeting.id, changes: { title: 'T', agenda: [{ id: item.id, title: 'A' }] } },
    'meetings.delete': { id: meeting.id },
    'meetings.start': { id: meeting.id },
    'meetings.next': { id: meeting.id, skip: true },
    'meetings.previous': { id: meeting.id },
    'meetings.end': { id: meeting.id, skip: true },
    'meetings.import': { meeting, personas: [], asCopy: true },
    'meetings.importMany': { meetings: [meeting], personas: [], asCopy: true },
    'agenda.add': { meetingId: meeting.id, item: { title: 'New' } },
    'agenda.update': { meetingId: meeting.id, itemId: item.id, changes: { notes: 'n', timeboxMinutes: 5 } },
    'agenda.remove': { meetingId: meeting.id, itemId: item.id },
    'agenda.move': { meetingId: meeting.id, itemId: item.id, toIndex: 1 },
    'chair.answer': {
      meetingId: meeting.id,
      itemId: item.id,
      changes: { text: 'a', direction: 'helps', severity: 1, personaIds: [personaId] },
    },
    'chair.noImpact': { meetingId: meeting.id, itemId: item.id, reason: 'r' },
    'decisions.add': { meetingId: meeting.id, itemId: item.id, decision: { text: 'd', tagIds: ['pricing'], dueDate: '2026-12-01' } },
    'decisions.update': { meetingId: meeting.id, decisionId: decision?.id ?? 'none', changes: { direction: 'hurts' } },
    'decisions.tag': { meetingId: meeting.id, decisionId: decision?.id ?? 'none', tagId: 'support' },
    'decisions.untag': { meetingId: meeting.id, decisionId: decision?.id ?? 'none', tagId: 'support' },
    'decisions.setTags': { meetingId: meeting.id, decisionId: decision?.id ?? 'none', tagIds: ['support', 'pricing'] },
    'decisions.remove': { meetingId: meeting.id, decisionId: decision?.id ?? 'none' },
    'decisions.restore': { meetingId: meeting.id, itemId: item.id, index: 0, decision: decision ?? {} },
    'followUps.update': { meetingId: meeting.id, followUpId: 'none', changes: { done: true } },
    'followUps.add': { meetingId: meeting.id, text: 'Call Priya', owner: 'Ana', dueDate: '2026-12-01', decisionId: decision?.id ?? 'none' },
    'followUps.remove': { meetingId: meeting.id, followUpId: 'none' },
    'followUps.restore': { meetingId: meeting.id, index: 0, followUp: meeting.followUps[0] ?? {} },
    'series.create': { name: 'Weekly pricing' },
    'meetings.createNext': { id: meeting.id, scheduledAt: '2026-12-01T10:00:00Z' },
    'templates.create': { meetingId: meeting.id, name: 'Weekly' },
    'templates.delete': { id: 'none' },
    'meetings.createFromTemplate': { templateId: 'none', scheduledAt: '2026-12-01T10:00:00Z', title: 'From template' },
    'decisions.recordOutcome': {
      meetingId: meeting.id,
      decisionId: decision?.id ?? 'none',
      outcome: { direction: 'helps', note: 'n' },
      askedIn: null,
    },
    'checkBacks.list': { meetingId: meeting.id },
    'ledger.search': { text: 'd', seriesIds: ['none'], review: 'pending', directions: ['helps'], accounts: ['Acme'], sourceIds: ['s1'] },
    'personas.create': { name: 'P', needs: ['n'] },
    'personas.update': { id: personaId, changes: { segment: 's' } },
    'personas.delete': { id: personaId },
    'tags.create': { label: 'l' },
    'settings.update': { theme: 'dark' },
    'backups.restore': { id: 'none' },
    'sharing.start': { meetingId: meeting.id, host: '127.0.0.1', port: 0 },
    'sharing.stop': { meetingId: meeting.id },
    'sharing.status': { meetingId: meeting.id },
    'sharing.remove': { meetingId: meeting.id, participantId: 'someone' },
    'votes.open': { meetingId: meeting.id, decisionId: decision?.id ?? 'none' },
    'votes.reveal': { meetingId: meeting.id, decisionId: decision?.id ?? 'none' },
    'votes.decide': { meetingId: meeting.id, decisionId: decision?.id ?? 'none', direction: 'mixed' },
    'proposals.accept': { meetingId: meeting.id, itemId: item.id, proposalId: 'none', mode: 'replace' },
    'proposals.dismiss': { meetingId: meeting.id, itemId: item.id, proposalId: 'none' },
    'proposals.undoAccept': { meetingId: meeting.id, itemId: item.id, proposalId: 'none' },
    // Evidence: inputs that never start a background import (it would change files after the check).
    'evidence.preview': { input: { kind: 'text', fileName: 'a.csv', text: 'comment\nToo expensive' } },
    'evidence.import': { source: { name: 'S', kind: 'other' }, input: { kind: 'path', path: '/nonexistent/evidence.csv' } },
    'evidence.importStatus': { jobId: 'none' },
    'evidence.importCancel': { jobId: 'none' },
    'evidence.renameSource': { id: 'none', name: 'N' },
    'evidence.deleteSource': { id: 'none' },
    'evidence.restoreSource': { id: 'none' },
    'evidence.importAccounts': { input: { kind: 'text', fileName: 'accounts.csv', text: 'name,arr\nAcme,100' } },
    'evidence.setSynonyms': { tagId: 'pricing', words: ['price'] },
    'evidence.search': {
      query: 'price',
      limit: 5,
      filters: { segment: 'SMB', account: 'Acme', from: '2026-01-01', to: '2026-12-31', ratingMin: 1, ratingMax: 5 },
    },
    'evidence.forItem': { meetingId: meeting.id, itemId: item.id, answer: 'cheaper' },
    'evidence.accounts': { query: 'ac', limit: 5 },
    'evidence.uploadStart': { fileName: 'big.csv', size: 10 },
    'evidence.uploadChunk': { uploadId: 'none', offset: 0, base64: 'Y29tbWVudA==' },
    'evidence.uploadCancel': { uploadId: 'none' },
    'citations.add': { meetingId: meeting.id, itemId: item.id, decisionId: decision?.id ?? 'none', sourceId: 'none', key: 'k' },
    'citations.remove': { meetingId: meeting.id, itemId: item.id, sourceId: 'none', key: 'k' },
    'citations.restore': {
      meetingId: meeting.id,
      itemId: item.id,
      citation: {
        by: 'Ana',
        at: '2026-11-24T09:40:00.000Z',
        sourceId: 'none',
        key: 'k',
        quote: 'Too dear',
        customer: '',
        sourceName: '',
        date: null,
        account: null,
      },
      index: 0,
    },
  };
  return byMethod[method] ?? {};
}

const leafValue = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', ' ', '\u202E', '<script>', '../../etc/passwd', 'x'.repeat(20_001), '__proto__', 'constructor'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, true, [], {}, -1, 2 ** 53, Number.NaN),
);

/** A recipe to mutate a valid input: one path replaced, dropped, or an unknown key added. */
const mutation = fc.record({
  pick: fc.nat(),
  how: fc.constantFrom('replace', 'drop', 'add'),
  value: leafValue,
  key: fc.string({ maxLength: 12 }),
});
type Mutation = { pick: number; how: string; value: unknown; key: string };

/** Applied inside the property, so it always starts from the fixture as it is now. */
function mutate(method: MethodName, { pick, how, value, key }: Mutation): unknown {
  const input = structuredClone(validInput(method)) as Record<string, any>;
  const paths: string[][] = [];
  const walk = (node: any, at: string[]) => {
    if (!node || typeof node !== 'object') return;
    for (const k of Object.keys(node)) {
      paths.push([...at, k]);
      walk(node[k], [...at, k]);
    }
  };
  walk(input, []);
  if (how === 'add' || paths.length === 0) return { ...input, [key || 'extra']: value };
  const target = paths[pick % paths.length]!;
  const parent = target.slice(0, -1).reduce((node, k) => node[k], input as any);
  if (how === 'drop') delete parent[target.at(-1)!];
  else parent[target.at(-1)!] = value;
  return input;
}

function snapshot(): string {
  const files: string[] = [];
  for (const sub of ['', 'meetings']) {
    const folder = path.join(dir, sub);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      if (name.endsWith('.json')) files.push(name, fs.readFileSync(path.join(folder, name), 'utf8'));
    }
  }
  let memory: unknown = null;
  try {
    memory = library.service.meeting(meeting.id);
  } catch {
    memory = 'gone';
  }
  return JSON.stringify([files, library.service.library(), memory]);
}

describe('fuzzing every API method', () => {
  it.each(METHOD_NAMES)(
    '%s: random and mutated payloads never crash, and refusals change nothing',
    (method) => {
      fc.assert(
        fc.property(fc.oneof(fc.record({ random: fc.anything() }), mutation, mutation), (recipe) => {
          payloadsTried++;
          // Valid payloads add meetings; a fresh folder now and then keeps each snapshot small and fast.
          if (library.service.library().meetings.length > 30) freshLibrary();
          // Valid payloads change things (empty the agenda, delete the meeting): start again from a whole fixture.
          const intact = library.service.library().meetings.some((m) => m.id === meeting.id) && meeting.agenda[0]?.decisions.length;
          if (!intact) fixture();
          const payload = 'random' in recipe ? recipe.random : mutate(method, recipe as Mutation);
          const before = snapshot();
          let result: Result<unknown>;
          expect(() => (result = dispatch(library.service, method, payload))).not.toThrow();
          expect(typeof result!.ok).toBe('boolean');
          if (!result!.ok) {
            expect(ERROR_CODES).toContain(result!.error.code);
            expect(result!.error.code).not.toBe('internal');
            expect(result!.error.message.length).toBeGreaterThan(0);
            expect(snapshot()).toBe(before);
          } else if ((result!.value as Meeting)?.agenda && (result!.value as Meeting).id === meeting.id) {
            meeting = result!.value as Meeting;
          }
        }),
        { seed: SEED, numRuns: runsPerMethod },
      );
    },
    Math.max(20_000, runsPerMethod * 50),
  ); // the full run (100,000 payloads) takes minutes per method on a busy machine
});
