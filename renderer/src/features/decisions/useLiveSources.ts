import { useEffect, useState } from 'react';
import { useClient } from '../../app/clientContext';

/**
 * The ids of the evidence sources that still exist, so a citation whose source was deleted says
 * "(source removed)". Asked when the cited sources change; null until known (or when the library
 * cannot be read: nothing is then marked removed on a guess).
 */
export function useLiveSources(citedSourceIds: readonly string[]): ReadonlySet<string> | null {
  const client = useClient();
  const [live, setLive] = useState<ReadonlySet<string> | null>(null);
  const wanted = [...new Set(citedSourceIds)].sort().join(' ');
  useEffect(() => {
    if (wanted === '') return;
    let current = true;
    client.call('evidence.library', {}).then(
      (library) => current && setLive(new Set(library.sources.map((source) => source.id))),
      () => current && setLive(null),
    );
    return () => {
      current = false;
    };
  }, [client, wanted]);
  return live;
}
