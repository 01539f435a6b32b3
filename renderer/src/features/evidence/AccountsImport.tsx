import { useId, useRef, useState, type ReactNode } from 'react';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import type { EvidenceInput } from '../../../../shared/evidence/api';
import { ACCOUNTS_EXTENSIONS } from '../../../../shared/evidence/picking';
import { nativeDialog, pickedInput, pickFiles } from './nativeFiles';
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

  // In the desktop app the native open dialog picks the file and the service reads it where it lies.
  const dialog = nativeDialog();
  const importFrom = async (fileName: string, input: () => Promise<EvidenceInput>) => {
    setBusy(true);
    setResult(null);
    try {
      const { accountCount: count } = await client.call('evidence.importAccounts', { input: await input() });
      setResult({ ok: true, message: `Imported ${plural(count, 'account')} from ${fileName}.` });
      onImported();
    } catch (reason) {
      setResult({ ok: false, message: namingFile(fileName, asApiError(reason).message) });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };
  const importFile = (file: File) =>
    importFrom(file.name, async () => {
      const [picked] = await readEvidenceFiles([file]);
      // A file over the inline cap is sent in chunks first (accounts files may be up to 20 MB).
      return picked!.kind === 'file' ? uploadFile(client, picked!.file) : picked!;
    });
  const chooseNative = async () => {
    try {
      const [file] = await pickFiles(dialog!, 'accounts');
      if (file) await importFrom(file.fileName, async () => pickedInput(file));
    } catch (reason) {
      setResult({ ok: false, message: asApiError(reason).message });
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
      <button type="button" className="button" disabled={busy} onClick={() => (dialog ? void chooseNative() : fileInput.current?.click())}>
        Import accounts…
      </button>
      <input
        ref={fileInput}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Accounts file"
        accept={[...ACCOUNTS_EXTENSIONS.map((extension) => `.${extension}`), 'text/csv', 'application/json'].join(',')}
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
