/** Area "storage and backups": where the data is, what waits to be written, snapshots and restoring them. */
import { ApiError } from '../../../shared/errors';
import type { AreaContext, Handlers } from './area';

export function storageArea({ kernel, participants, evidence }: AreaContext) {
  return {
    'storage.status': () => {
      const status = kernel.storageStatus();
      // Evidence keeps its own notices (a damaged or unreadable source): the banner tells them too.
      return { ...status, notices: [...status.notices, ...evidence.notices] };
    },
    'backups.list': () => kernel.storage.backups.list(),
    'backups.create': () => kernel.persistence.backUp('manual'),
    'backups.restore': ({ id }) => {
      if (kernel.persistence.unsavedCount() > 0) {
        throw new ApiError(
          'conflict',
          'Some changes are not saved to disk yet; restoring now would lose them. Try again once they are saved.',
        );
      }
      evidence.refuseWhileImporting(null); // the import would switch the evidence index after the restore
      const result = kernel.storage.restoreBackup(id);
      kernel.reload();
      evidence.reload();
      participants.stopUnlessRunning(); // a meeting restored to "not running" is no longer shared
      return result;
    },
  } satisfies Pick<Handlers, 'storage.status' | 'backups.list' | 'backups.create' | 'backups.restore'>;
}
