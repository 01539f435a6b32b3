import { useEffect, useState } from 'react';
import type { StorageStatus } from '../../../../shared/domain';
import { useClient } from '../../app/clientContext';

/** The data folder's status from the service, kept current by its 'storage.changed' events. */
export function useStorageStatus(): StorageStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'storage.changed') setStatus(event.payload);
    });
    client.call('storage.status', {}).then(
      (value) => live && setStatus((current) => current ?? value),
      () => undefined, // the connection banner already says when the service is unreachable
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  return status;
}
