/**
 * Accounts: who the customers are and the revenue they carry. Rows of an accounts file become
 * Account records; evidence joins to them by account id, by name (case- and space-insensitive), or
 * by the email's domain, in that order.
 */
import { EVIDENCE_LIMITS } from './limits';
import type { Account, EvidenceItem } from './schema';
import { normalizeName, parseNumber } from './text';

const key = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const HEADERS = {
  id: ['id', 'accountid', 'customerid', 'externalid'],
  name: ['name', 'accountname', 'account', 'company', 'customer', 'organization'],
  domain: ['domain', 'emaildomain', 'website'],
  segment: ['segment', 'plan', 'tier'],
  arr: ['arr', 'annualrevenue', 'annualrecurringrevenue'],
  mrr: ['mrr', 'monthlyrevenue', 'monthlyrecurringrevenue'],
  currency: ['currency', 'cur'],
};

export class AccountsFileError extends Error {}

export function rowsToAccounts(headers: string[], rows: Record<string, unknown>[]): Account[] {
  const find = (names: string[]) => headers.find((header) => names.includes(key(header))) ?? null;
  const columns = Object.fromEntries(Object.entries(HEADERS).map(([field, names]) => [field, find(names)])) as Record<
    keyof typeof HEADERS,
    string | null
  >;
  if (!columns.name && !columns.id) throw new AccountsFileError('it has no "name" or "id" column, so no evidence can be joined to it');
  if (rows.length > EVIDENCE_LIMITS.accountsMax)
    throw new AccountsFileError(`it lists ${rows.length} accounts; at most ${EVIDENCE_LIMITS.accountsMax} are allowed`);
  const cell = (row: Record<string, unknown>, column: string | null) =>
    column === null || row[column] === undefined || row[column] === null
      ? ''
      : String(row[column]).trim().slice(0, EVIDENCE_LIMITS.fieldMax);
  return rows.map((row) => {
    const arr = parseNumber(cell(row, columns.arr));
    const mrr = parseNumber(cell(row, columns.mrr));
    const revenue = arr ?? (mrr === null ? null : mrr * 12);
    return {
      id: cell(row, columns.id),
      name: cell(row, columns.name).slice(0, EVIDENCE_LIMITS.customerMax),
      domain: cell(row, columns.domain)
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/\/.*$/, ''),
      segment: cell(row, columns.segment),
      arr: revenue === null || revenue < 0 ? null : revenue,
      currency: (cell(row, columns.currency) || 'USD').toUpperCase().slice(0, 8),
    };
  });
}

/** Lookups built once per accounts file; `find` is called per item. */
export class AccountDirectory {
  private readonly byId = new Map<string, Account>();
  private readonly byName = new Map<string, Account>();
  private readonly byDomain = new Map<string, Account>();

  constructor(readonly accounts: Account[]) {
    for (const account of accounts) {
      if (account.id) this.byId.set(account.id.toLowerCase(), account);
      if (account.name) this.byName.set(normalizeName(account.name), account);
      if (account.domain) this.byDomain.set(account.domain, account);
    }
  }

  find(item: Pick<EvidenceItem, 'account' | 'customer' | 'emailDomain'>): Account | null {
    const account = item.account.toLowerCase();
    return (
      (account && (this.byId.get(account) ?? this.byName.get(normalizeName(account)))) ||
      (item.customer && this.byName.get(normalizeName(item.customer))) ||
      (item.emailDomain && this.byDomain.get(item.emailDomain)) ||
      null
    );
  }
}
