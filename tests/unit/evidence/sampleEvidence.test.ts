/**
 * The first-run sample comes with customer evidence (issue 19 §4): after `samples.create`, the chair
 * quotes customers for every item of the sample meeting, with the scale line's accounts and revenue.
 */
import { afterEach, expect, it } from 'vitest';
import type { Meeting } from '../../../shared/domain';
import type { EvidenceLibrary, EvidenceSearchResult } from '../../../shared/evidence/schema';
import { closeNow, closeOpened, openTemp, tempDir, valueOf } from '../helpers';
import { importAndWait } from './evidenceHelpers';

afterEach(closeOpened);

/** Per sample item, a word its quotes must be about. */
const TOPICS = [/pric|seat|invoice|usage|cost/i, /onboarding|set-?up|checklist/i, /csv|import/i];

it('samples.create writes the sample tickets and accounts; the chair quotes them for each sample item, after a restart too', async () => {
  const dataDir = tempDir();
  let library = openTemp(dataDir);
  const meeting = valueOf<Meeting>(library, 'samples.create', {});
  await library.service.evidence.settled();
  const evidence = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
  expect(evidence).toMatchObject({
    sources: [{ id: 'sample-support-tickets', kind: 'tickets', itemCount: 40 }],
    itemCount: 40,
    accountCount: 8,
  });
  const check = (lib: typeof library) => {
    meeting.agenda.forEach((item, n) => {
      const result = valueOf<EvidenceSearchResult>(lib, 'evidence.forItem', { meetingId: meeting.id, itemId: item.id });
      expect(result.state).toBe('ready');
      expect(result.hits.length, item.title).toBeGreaterThanOrEqual(3);
      for (const hit of result.hits.slice(0, 3)) expect(hit.text, item.title).toMatch(TOPICS[n]!);
      expect(result.hits[0]!.accountName).not.toBe('');
      expect(result.scale.accounts).toBeGreaterThanOrEqual(3);
      expect(result.scale.revenue.length).toBeGreaterThan(0);
      console.log(`${item.title}: ${result.total} items, ${result.scale.accounts} accounts, ${JSON.stringify(result.scale.revenue)}`);
    });
  };
  check(library);
  const all = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'invoice onboarding csv', limit: 50 });
  expect(new Set(all.scale.revenue.map((entry) => entry.currency))).toEqual(new Set(['USD', 'EUR']));

  closeNow(library);
  library = openTemp(dataDir);
  await library.service.evidence.settled();
  check(library);
});

it('a second sample adds no second copy of the evidence, and accounts already imported are kept', async () => {
  const library = openTemp();
  const accounts = await importAndWait(library, {
    source: { name: 'Desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'desk.csv', text: 'id,comment\n1,Hello\n' },
  });
  expect(accounts.state).toBe('done');
  valueOf(library, 'evidence.importAccounts', { input: { kind: 'text', fileName: 'accounts.csv', text: 'name,arr\nAcme,100\n' } });
  valueOf(library, 'samples.create', {});
  valueOf(library, 'samples.create', {});
  await library.service.evidence.settled();
  const evidence = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
  expect(evidence.sources.map((source) => source.id).filter((id) => id === 'sample-support-tickets')).toHaveLength(1);
  expect(evidence.accountCount).toBe(1);
  expect(evidence.itemCount).toBe(41);
});
