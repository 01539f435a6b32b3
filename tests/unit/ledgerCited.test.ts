/**
 * The ledger's exact filters by cited account and evidence source (issue 19 §4: "every decision
 * that cited Acme"), through the real service: evidence imported from real files, cited with
 * `citations.add`, so each citation is the one the service builds from the live item.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { EvidenceSearchResult } from '../../shared/evidence/schema';
import { LEDGER_CITED_FILTER_MAX, type LedgerResult } from '../../shared/ledger';
import { LIMITS } from '../../shared/limits';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { citedAccounts } from '../../shared/summary/citations';
import { closeOpened, errorCodeOf, openTemp, sampleDraft, tempDir, valueOf } from './helpers';
import { importAndWait, writeFile } from './evidence/evidenceHelpers';

afterEach(closeOpened);

const ACCOUNTS = 'id,name,domain,plan,arr,currency\nA-1,Acme Corp,acme.com,Enterprise,120000,USD\nG-2,Globex,globex.io,SMB,50000,EUR\n';
const TICKETS =
  'id,subject,description,requester,account,created_at\n' +
  '101,Pricing page,The new price is too expensive for us,Zoë Martin,A-1,2026-11-20\n' +
  '102,Invoices,Our invoice is confusing every month,Hans,G-2,2026-11-21\n' +
  '103,Login,Cannot log in on mobile,Kim,,2026-11-22\n';
const INTERVIEWS = 'id,subject,description,requester,account,created_at\n201,Interview,Acme wants usage pricing,Lee,A-1,2026-10-02\n';

const search = (library: OpenLibrary, query: Record<string, unknown>) => valueOf<LedgerResult>(library, 'ledger.search', query);
const texts = (library: OpenLibrary, query: Record<string, unknown>) => search(library, query).entries.map((e) => e.text);

async function imported(library: OpenLibrary, dir: string, name: string, file: string, content: string) {
  const progress = await importAndWait(library, {
    source: { name, kind: 'tickets' },
    input: { kind: 'path', path: writeFile(dir, file, content) },
  });
  expect(progress.state).toBe('done');
  await library.service.evidence.settled();
  return progress.sourceId!;
}

/** Two sources; decisions citing Acme (from each source), Globex, an item without account, nothing. */
async function seeded() {
  const dir = tempDir();
  const library = openTemp();
  valueOf(library, 'evidence.importAccounts', { input: { kind: 'path', path: writeFile(dir, 'accounts.csv', ACCOUNTS) } });
  const helpDesk = await imported(library, dir, 'Help desk', 'tickets.csv', TICKETS);
  const interviews = await imported(library, dir, 'Interviews', 'interviews.csv', INTERVIEWS);
  let meeting = valueOf<Meeting>(library, 'meetings.create', sampleDraft());
  const itemId = meeting.agenda[0]!.id;
  for (const text of ['Lower the price', 'Explain invoices', 'Fix mobile login', 'Try usage pricing', 'Rename the plan'])
    meeting = valueOf<Meeting>(library, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text } });
  const decision = (text: string) => meeting.agenda[0]!.decisions.find((d) => d.text === text)!.id;
  const keyOf = (query: string, sourceId: string) =>
    valueOf<EvidenceSearchResult>(library, 'evidence.search', { query, limit: 50 }).hits.find((hit) => hit.sourceId === sourceId)!.key;
  const cite = (text: string, query: string, sourceId: string) =>
    valueOf<Meeting>(library, 'citations.add', {
      meetingId: meeting.id,
      itemId,
      decisionId: decision(text),
      sourceId,
      key: keyOf(query, sourceId),
    });
  cite('Lower the price', 'expensive', helpDesk);
  cite('Explain invoices', 'invoice confusing', helpDesk);
  cite('Fix mobile login', 'mobile', helpDesk);
  cite('Try usage pricing', 'usage', interviews);
  // A citation on the answer is the item's, not a decision's: it makes no decision cite Globex.
  valueOf(library, 'citations.add', { meetingId: meeting.id, itemId, sourceId: helpDesk, key: keyOf('invoice confusing', helpDesk) });
  return { library, meeting, itemId, helpDesk, interviews, keyOf };
}

describe('the ledger filtered by what decisions cite', () => {
  it('finds every decision that cited an account, from any source, whatever the spelling asked', async () => {
    const { library } = await seeded();
    expect(texts(library, { accounts: ['Acme Corp'] })).toEqual(['Lower the price', 'Try usage pricing']);
    expect(texts(library, { accounts: ['  ACME   corp '] })).toEqual(['Lower the price', 'Try usage pricing']);
    expect(texts(library, { accounts: ['Globex'] })).toEqual(['Explain invoices']);
    expect(texts(library, { accounts: ['Acme Corp', 'Globex'] })).toEqual(['Lower the price', 'Explain invoices', 'Try usage pricing']);
    expect(texts(library, { accounts: ['Acme'] })).toEqual([]); // exact: a part of a name is another account
    expect(search(library, { accounts: ['Initech'] }).total).toBe(0);
  });

  it('finds every decision that cited a source, and combines with the other filters and the words', async () => {
    const { library, helpDesk, interviews } = await seeded();
    expect(texts(library, { sourceIds: [helpDesk] })).toEqual(['Lower the price', 'Explain invoices', 'Fix mobile login']);
    expect(texts(library, { sourceIds: [interviews] })).toEqual(['Try usage pricing']);
    expect(texts(library, { sourceIds: [helpDesk], accounts: ['Acme Corp'] })).toEqual(['Lower the price']);
    expect(texts(library, { sourceIds: [interviews], text: 'invoice' })).toEqual([]);
    expect(texts(library, { sourceIds: [interviews], text: 'usage' })).toEqual(['Try usage pricing']);
    expect(search(library, { sourceIds: ['no-such-source'] }).total).toBe(0);
  });

  it('lists what the decisions cite for the filters (every decision, whatever the query), and each entry says what it cites', async () => {
    const { library, helpDesk, interviews } = await seeded();
    const expected = {
      accounts: ['Acme Corp', 'Globex'],
      sources: [
        { id: helpDesk, name: 'Help desk' },
        { id: interviews, name: 'Interviews' },
      ],
    };
    expect(search(library, {}).cited).toEqual(expected);
    expect(search(library, { text: 'nothing matches this' }).cited).toEqual(expected);
    const entries = search(library, {}).entries;
    const lower = entries.find((e) => e.text === 'Lower the price')!;
    expect(lower.citedAccounts).toEqual(['Acme Corp']);
    expect(lower.citedSources).toEqual([{ id: helpDesk, name: 'Help desk' }]);
    const login = entries.find((e) => e.text === 'Fix mobile login')!;
    expect(login.citedAccounts).toEqual([]); // the ticket has no account
    expect(entries.find((e) => e.text === 'Rename the plan')!.citedSources).toEqual([]);
  });

  it('follows saves: a removed citation leaves the filter and the lists at once', async () => {
    const { library, meeting, itemId, interviews, keyOf } = await seeded();
    const decisionId = search(library, { sourceIds: [interviews] }).entries[0]!.decisionId;
    valueOf(library, 'citations.remove', {
      meetingId: meeting.id,
      itemId,
      decisionId,
      sourceId: interviews,
      key: keyOf('usage', interviews),
    });
    expect(texts(library, { sourceIds: [interviews] })).toEqual([]);
    expect(texts(library, { accounts: ['Acme Corp'] })).toEqual(['Lower the price']);
    expect(search(library, {}).cited.sources.map((s) => s.name)).toEqual(['Help desk']);
  });

  it('refuses bad filters with a typed error: limits at the limit and one past it', async () => {
    const { library } = await seeded();
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Account ${i}`);
    expect(search(library, { accounts: names(LEDGER_CITED_FILTER_MAX) }).total).toBe(0);
    expect(errorCodeOf(library, 'ledger.search', { accounts: names(LEDGER_CITED_FILTER_MAX + 1) })).toBe('invalid_input');
    expect(search(library, { accounts: ['x'.repeat(LIMITS.citationFieldMax)] }).total).toBe(0);
    expect(errorCodeOf(library, 'ledger.search', { accounts: ['x'.repeat(LIMITS.citationFieldMax + 1)] })).toBe('invalid_input');
    expect(errorCodeOf(library, 'ledger.search', { accounts: ['   '] })).toBe('invalid_input');
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    expect(search(library, { sourceIds: ids(LEDGER_CITED_FILTER_MAX) }).total).toBe(0);
    expect(errorCodeOf(library, 'ledger.search', { sourceIds: ids(LEDGER_CITED_FILTER_MAX + 1) })).toBe('invalid_input');
    expect(errorCodeOf(library, 'ledger.search', { sourceIds: ['not an id!'] })).toBe('invalid_input');
  });
});

describe('the ledger names a cited account as the summary does', () => {
  it('an account cited under two spellings is named by its newest citation, as citedAccounts names it', () => {
    const library = openTemp(tempDir());
    const made = valueOf<Meeting>(library, 'meetings.create', sampleDraft());
    const itemId = made.agenda[0]!.id;
    const meeting = structuredClone(
      valueOf<Meeting>(library, 'decisions.add', { meetingId: made.id, itemId, decision: { text: 'Cap the bill' } }),
    );
    const decision = meeting.agenda[0]!.decisions[0]!;
    const cited = { sourceId: 'desk', sourceName: 'Help desk', quote: 'Too expensive', customer: 'Zoë', date: null, by: 'Ana' };
    const account = { segment: 'Enterprise', arr: 120_000, currency: 'USD' };
    // The same account (accountKey ignores case and spaces), renamed in the accounts file before the later citation.
    decision.citations = [
      { ...cited, key: 'older', at: '2026-11-24T09:31:00.000Z', account: { ...account, name: 'acme  corp' } },
      { ...cited, key: 'newer', at: '2026-11-24T09:32:00.000Z', account: { ...account, name: 'Acme Corp' } },
    ];
    const copy = valueOf<Meeting>(library, 'meetings.import', { meeting, personas: [], asCopy: true });
    const entry = search(library, {}).entries.find((e) => e.meetingId === copy.id)!;
    expect(entry.citedAccounts).toEqual(citedAccounts(decision.citations).accounts.map((a) => a.name));
    expect(entry.citedAccounts).toEqual(['Acme Corp']);
  });
});
