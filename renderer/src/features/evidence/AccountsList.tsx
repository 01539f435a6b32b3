import { useEffect, useId, useState } from 'react';
import { money } from '../../../../shared/evidence/format';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import type { AccountList, AccountSummary } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';

const LISTED = 100;

/** The accounts and what each one's evidence amounts to; `version` changes when evidence or accounts do. */
export function useAccountList(query: string, limit: number, version: string): { list: AccountList | null; error: string | null } {
  const client = useClient();
  const [list, setList] = useState<AccountList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () =>
        client.call('evidence.accounts', { query, limit }).then(
          (next) => {
            if (!live) return;
            setList(next);
            setError(null);
          },
          (reason: unknown) => live && setError(asApiError(reason).message),
        ),
      query ? 200 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query, limit, version]);
  return { list, error };
}

/** One table row per account: name, segment, ARR and MRR in its currency, evidence items; "Show" filters the search. */
export function AccountsList({ version, onShow }: { version: string; onShow: (account: string) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const { list, error } = useAccountList(query, LISTED, version);
  if (error) return <p className="field-error">Accounts could not be listed: {error}</p>;
  if (!list) return null;
  if (list.total === 0 && !query) return null;
  return (
    <div className="evidence-accounts">
      <div className="field">
        <label htmlFor={`${id}-find`}>Find an account</label>
        <input
          id={`${id}-find`}
          type="search"
          value={query}
          maxLength={EVIDENCE_LIMITS.fieldMax}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p className="muted" role="status">
        {list.total > list.accounts.length
          ? `${list.accounts.length} of ${plural(list.total, 'account')}, most evidence first.`
          : list.total === 0
            ? `No account matches “${query}”.`
            : `${plural(list.total, 'account')}, most evidence first.`}
      </p>
      {list.accounts.length > 0 ? (
        <table className="evidence-sources">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Segment</th>
              <th scope="col">ARR</th>
              <th scope="col">MRR</th>
              <th scope="col">Evidence items</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.accounts.map((account) => (
              <AccountRow key={`${account.id}:${account.name}`} account={account} onShow={onShow} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function AccountRow({ account, onShow }: { account: AccountSummary; onShow: (account: string) => void }) {
  const name = account.name || account.id;
  return (
    <tr>
      <th scope="row" dir="auto">
        {name}
        {account.domain ? <span className="muted"> ({account.domain})</span> : null}
      </th>
      <td dir="auto">{account.segment || '—'}</td>
      <td>{account.arr === null ? '—' : money(account.arr, account.currency)}</td>
      <td>{account.arr === null ? '—' : money(account.arr / 12, account.currency)}</td>
      <td>{account.evidenceCount}</td>
      <td>
        {account.evidenceCount > 0 ? (
          <button type="button" className="button button-small" aria-label={`Show evidence from ${name}`} onClick={() => onShow(name)}>
            Show evidence
          </button>
        ) : null}
      </td>
    </tr>
  );
}
