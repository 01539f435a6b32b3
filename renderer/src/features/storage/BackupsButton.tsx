import { useEffect, useState } from 'react';
import type { BackupInfo, StorageStatus } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { ConfirmDialog } from '../../app/Dialog';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';

const REASONS: Record<string, string> = {
  scheduled: 'automatic',
  close: 'on closing',
  manual: 'made by you',
  'before-restore': 'before a restore',
  'before-migration': 'before an upgrade',
};

const when = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const describe = (error: unknown) => (error instanceof ApiError ? error.message : 'Something went wrong; nothing was changed.');

/**
 * "Backups" in the header: the list of snapshots, "Back up now", and "Restore a backup". A restore
 * is confirmed first and can be undone: the service backs up the current data before restoring.
 */
export function BackupsButton({ status }: { status: StorageStatus | null }) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [choice, setChoice] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ restored: BackupInfo; undoBackupId: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    client.call('backups.list', {}).then(
      (list) => live && setBackups(list),
      (caught) => live && setError(describe(caught)),
    );
    return () => {
      live = false;
    };
  }, [client, open, status?.lastBackupAt]);

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), 30_000);
    return () => clearTimeout(timer);
  }, [undo]);

  const close = () => {
    setOpen(false);
    setChoice(null);
    setError(null);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  };

  const backUpNow = () =>
    run(async () => {
      const made = await client.call('backups.create', {});
      setBackups((list) => [made, ...(list ?? [])]);
    });

  const restore = (backup: BackupInfo) =>
    run(async () => {
      const result = await client.call('backups.restore', { id: backup.id });
      setUndo(result);
      close();
    });

  const undoRestore = () =>
    run(async () => {
      if (!undo) return;
      await client.call('backups.restore', { id: undo.undoBackupId });
      setUndo(null);
    });

  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        Backups
      </button>
      {undo ? (
        <div className="undo-bar" role="status">
          Restored the backup of {when(undo.restored.createdAt)}.{' '}
          <button type="button" className="button button-small" onClick={undoRestore} disabled={busy}>
            Undo restore
          </button>
        </div>
      ) : null}
      {open && !choice ? (
        <ConfirmDialog
          title="Backups"
          confirmLabel="Back up now"
          cancelLabel="Close"
          busy={busy}
          error={error}
          onConfirm={backUpNow}
          onCancel={close}
        >
          <p>
            Empty Chair backs up your data when you close it and every 15 minutes while you work, keeping the last 10 and one a day for 30
            days.{status ? ` Data folder: ${status.dataDir}` : ''}
          </p>
          {backups === null ? (
            <p role="status">Loading backups…</p>
          ) : backups.length === 0 ? (
            <p>No backups yet. One is made as soon as something changes.</p>
          ) : (
            <ul className="backup-list" aria-label="Backups, newest first">
              {backups.map((backup) => (
                <li key={backup.id}>
                  <span>
                    {when(backup.createdAt)}{' '}
                    <span className="muted">
                      ({REASONS[backup.reason] ?? backup.reason}, {plural(backup.meetings, 'meeting')})
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setChoice(backup)}
                    aria-label={`Restore the backup of ${when(backup.createdAt)}`}
                  >
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      ) : null}
      {open && choice ? (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore"
          cancelLabel="Keep current data"
          danger
          busy={busy}
          error={error}
          onConfirm={() => restore(choice)}
          onCancel={() => setChoice(null)}
        >
          <p>
            Your meetings go back to how they were on {when(choice.createdAt)}. Your current data is backed up first, so you can undo this.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
