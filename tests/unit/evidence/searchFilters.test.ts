/**
 * evidence.search with filters (source, segment, account, date range, rating range), words or none,
 * and evidence.accounts (the accounts with their evidence counts, the segments to filter by).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountList, EvidenceSearchResult, ImportProgress } from '../../../shared/evidence/schema';
import { closeOpened, freshLibrary } from '../helpers';

afterEach(closeOpened);

const TICKETS = [
  'id,description,requester,segment,created_at,satisfaction',
  '1,The price is too high for our team,Acme,Enterprise,2026-10-01,1',
  '2,Pricing page is confusing,Globex,SMB,2026-11-05,3',
  '3,Price doubled again,Initech,SMB,2026-11-20,2',
  '4,Export works well,Acme,Enterprise,2026-11-21,5',
  '5,Price ok but export slow,Umbrella,,,',
].join('\n');
const SURVEY = 'comment,customer,score,date\nThe price is fair,Acme,9,2026-11-22\n';
const ACCOUNTS =
  'id,name,domain,segment,arr,currency\nA1,Acme,acme.com,Enterprise,300000,USD\nG2,Globex,globex.io,SMB,110000,EUR\nI3,Initech,,SMB,,USD\n';

async function seeded() {
  const lib = freshLibrary();
  const add = (name: string, text: string) =>
    lib.value<ImportProgress>('evidence.import', {
      source: { name, kind: 'other' },
      input: { kind: 'text', fileName: `${name}.csv`, text },
    });
  const tickets = add('tickets', TICKETS);
  await lib.library.service.evidence.settled();
  const survey = add('survey', SURVEY);
  await lib.library.service.evidence.settled();
  lib.value('evidence.importAccounts', { input: { kind: 'text', fileName: 'accounts.csv', text: ACCOUNTS } });
  await lib.library.service.evidence.settled();
  const search = (query: string, filters: object = {}) =>
    lib.value<EvidenceSearchResult>('evidence.search', { query, limit: 50, filters }).hits.map((hit) => hit.text);
  return { ...lib, search, ticketsId: tickets.sourceId!, surveyId: survey.sourceId! };
}

describe('evidence.search filters', () => {
  it('each filter keeps exactly what it names, with words', async () => {
    const { search, ticketsId, surveyId } = await seeded();
    expect(search('price')).toHaveLength(5);
    expect(search('price', { sourceId: surveyId })).toEqual(['The price is fair']);
    expect(search('price', { sourceId: ticketsId })).toHaveLength(4);
    expect(search('price', { segment: 'smb' }).sort()).toEqual(['Price doubled again', 'Pricing page is confusing']);
    // Account by the joined account's name or id, or the item's own customer, case- and space-insensitive.
    expect(search('price', { account: '  ACME ' }).sort()).toEqual(['The price is fair', 'The price is too high for our team']);
    expect(search('price', { account: 'g2' })).toEqual(['Pricing page is confusing']);
    expect(search('price', { account: 'umbrella' })).toEqual(['Price ok but export slow']);
    // Dates: both ends included; undated items are left out by any date filter.
    expect(search('price', { from: '2026-11-05', to: '2026-11-20' }).sort()).toEqual(['Price doubled again', 'Pricing page is confusing']);
    expect(search('price', { to: '2026-10-01' })).toEqual(['The price is too high for our team']);
    // Ratings: both ends included; unrated items are left out by any rating filter.
    expect(search('price', { ratingMin: 2, ratingMax: 3 }).sort()).toEqual(['Price doubled again', 'Pricing page is confusing']);
    expect(search('price', { ratingMin: 9 })).toEqual(['The price is fair']);
    expect(search('price', { segment: 'Enterprise', ratingMax: 1 })).toEqual(['The price is too high for our team']);
  });

  it('with no words, a filter lists what it keeps, newest first, with the total', async () => {
    const { value } = await seeded();
    const result = value<EvidenceSearchResult>('evidence.search', { query: '', limit: 2, filters: { account: 'Acme' } });
    expect(result.state).toBe('ready');
    expect(result.total).toBe(3);
    expect(result.hits.map((hit) => [hit.date, hit.sourceName, hit.accountName, hit.segment])).toEqual([
      ['2026-11-22', 'survey', 'Acme', 'Enterprise'],
      ['2026-11-21', 'tickets', 'Acme', 'Enterprise'],
    ]);
    expect(result.hits[0]!.marks).toEqual([]);
    // No words and no filter: nothing (the screen asks for words or a filter).
    expect(value<EvidenceSearchResult>('evidence.search', { query: '' }).hits).toEqual([]);
  });

  it('the older top-level sourceId still works; a clash with filters.sourceId and reversed ranges are typed errors', async () => {
    const { search, call, value, surveyId, ticketsId } = await seeded();
    expect(value<EvidenceSearchResult>('evidence.search', { query: 'price', sourceId: surveyId }).hits).toHaveLength(1);
    expect(search('price', { sourceId: surveyId })).toHaveLength(1);
    const clash = call('evidence.search', { query: 'price', sourceId: surveyId, filters: { sourceId: ticketsId } });
    expect(!clash.ok && clash.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('different sources') });
    const dates = call('evidence.search', { query: 'price', filters: { from: '2026-12-01', to: '2026-11-01' } });
    expect(!dates.ok && dates.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('from must be on or before to'),
    });
    const ratings = call('evidence.search', { query: 'price', filters: { ratingMin: 5, ratingMax: 4 } });
    expect(!ratings.ok && ratings.error.message).toContain('ratingMin must be at most ratingMax');
    expect(call('evidence.search', { query: 'price', filters: { from: '2026-13-01' } }).ok).toBe(false);
    expect(call('evidence.search', { query: 'price', filters: { colour: 'red' } }).ok).toBe(false);
    // Equal ends are fine.
    expect(search('price', { from: '2026-11-20', to: '2026-11-20', ratingMin: 2, ratingMax: 2 })).toEqual(['Price doubled again']);
  });
});

describe('evidence.accounts', () => {
  it('lists accounts with their evidence counts (most first), revenue and currency, and every segment', async () => {
    const { value } = await seeded();
    const list = value<AccountList>('evidence.accounts', {});
    expect(list.total).toBe(3);
    expect(list.accounts.map((a) => [a.name, a.segment, a.arr, a.currency, a.evidenceCount])).toEqual([
      ['Acme', 'Enterprise', 300000, 'USD', 3],
      ['Globex', 'SMB', 110000, 'EUR', 1],
      ['Initech', 'SMB', null, 'USD', 1],
    ]);
    expect(list.segments).toEqual(['Enterprise', 'SMB']);
    expect(value<AccountList>('evidence.accounts', { query: 'GLOBEX.io' }).accounts.map((a) => a.name)).toEqual(['Globex']);
    expect(value<AccountList>('evidence.accounts', { limit: 1 })).toMatchObject({ total: 3, accounts: [{ name: 'Acme' }] });
  });

  it('is empty with no accounts imported', () => {
    const { value } = freshLibrary();
    expect(value<AccountList>('evidence.accounts', {})).toEqual({ accounts: [], total: 0, segments: [] });
  });
});
