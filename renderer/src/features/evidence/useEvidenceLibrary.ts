import { useCallback, useEffect, useState } from 'react';
import type { EvidenceLibrary } from '../../../../shared/evidence/schema';
import type { ApiError } from '../../../../shared/errors';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';

/** The evidence sources and counts; `reload` after any change this screen makes. */
export function useEvidenceLibrary(): { evidence: EvidenceLibrary | null; error: ApiError | null; reload: () => void } {
  const client = useClient();
  const [evidence, setEvidence] = useState<EvidenceLibrary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    client.call('evidence.library', {}).then(
      (next) => {
        if (!live) return;
        setEvidence(next);
        setError(null);
      },
      (reason: unknown) => live && setError(asApiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [client, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { evidence, error, reload };
}
