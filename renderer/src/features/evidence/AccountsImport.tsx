import { useId, useRef, useState, type ReactNode } from 'react';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { namingFile, readEvidenceFiles, uploadFile } from './readEvidenceFiles';

/** Who the customers are (name, domain, segment, revenue): one CSV or JSON file replaces the accounts. */
export function AccountsImport({
  accountCount,
  onImported,
  children,
}: {
  accountCount: number;
  onImported: () => void;
  /** The accounts list, under the import. */
  children?: ReactNode;
}) {
  const client = useClient();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const importFile = async (file: File) => {
    setBusy(true);
    setResult(null);
    try {
      const [picked] = await readEvidenceFiles([file]);
      // A file over the inline cap is sent in chunks first (accounts files may be up to 20 MB).
      const input = picked!.kind === 'file' ? await uploadFile(client, picked!.file) : picked!;
      const { accountCount: count } = await client.call('evidence.importAccounts', { input });
      setResult({ ok: true, message: `Imported ${plural(count, 'account')} from ${file.name}.` });
      onImported();
    } catch (reason) {
      setResult({ ok: false, message: namingFile(file.name, asApiError(reason).message) });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Accounts</h2>
      <p>
        {accountCount === 0 ? 'No accounts yet.' : `${plural(accountCount, 'account')}.`}{' '}
        <span className="muted">
          A CSV or JSON file of accounts (name, id, domain, segment, ARR or MRR) lets the chair say how much revenue is behind a quote. It
          replaces the accounts imported before.
        </span>
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()}>
        Import accounts…
      </button>
      <input
        ref={fileInput}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Accounts file"
        accept=".csv,.tsv,.json,text/csv,application/json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <p role="status" className={result && !result.ok ? 'field-error' : 'muted'}>
        {busy ? 'Importing accounts…' : (result?.message ?? '')}
      </p>
      {children}
    </section>
  );
}
