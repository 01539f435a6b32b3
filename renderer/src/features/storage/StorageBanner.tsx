import './storage.css';
import { useState } from 'react';
import type { StorageStatus } from '../../../../shared/domain';

/**
 * Says what the user must know about their data: changes the disk refused (kept, and retried),
 * and files that were damaged and repaired or set aside. Never silent, never alarming for nothing.
 */
export function StorageBanner({ status }: { status: StorageStatus | null }) {
  const [dismissed, setDismissed] = useState(0);
  if (!status) return null;
  const notices = status.notices.slice(dismissed);
  return (
    <>
      {status.unsavedChanges > 0 ? (
        <div className="banner banner-error" role="alert">
          <strong>{status.unsavedChanges === 1 ? '1 change is' : `${status.unsavedChanges} changes are`} not saved to disk yet.</strong>{' '}
          Empty Chair keeps them and keeps trying; please don’t quit until this goes away.
          {status.lastWriteError ? <span className="banner-detail">{status.lastWriteError}</span> : null}
        </div>
      ) : null}
      {notices.length > 0 ? (
        <div className="banner banner-warning" role="status">
          <strong>Empty Chair repaired your data.</strong>
          <ul className="storage-notices">
            {notices.map((notice, index) => (
              <li key={index}>{notice}</li>
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => setDismissed(status.notices.length)}>
            Got it
          </button>
        </div>
      ) : null}
    </>
  );
}
