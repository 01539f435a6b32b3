import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'personas' }
  | { name: 'reports' }
  | { name: 'meeting'; id: string }
  | { name: 'summary'; id: string }
  | { name: 'edit'; id: string };

const ID = '([A-Za-z0-9][A-Za-z0-9_-]{0,63})';
const MEETING = new RegExp(`^#/meetings/${ID}$`);
const EDIT = new RegExp(`^#/meetings/${ID}/edit$`);
const SUMMARY = new RegExp(`^#/meetings/${ID}/summary$`);

export function parseRoute(hash: string): Route {
  if (hash === '#/new') return { name: 'new' };
  if (hash === '#/personas') return { name: 'personas' };
  if (hash === '#/reports') return { name: 'reports' };
  const summary = SUMMARY.exec(hash);
  if (summary) return { name: 'summary', id: summary[1]! };
  const edit = EDIT.exec(hash);
  if (edit) return { name: 'edit', id: edit[1]! };
  const meeting = MEETING.exec(hash);
  if (meeting) return { name: 'meeting', id: meeting[1]! };
  return { name: 'list' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'new':
      return '#/new';
    case 'personas':
      return '#/personas';
    case 'reports':
      return '#/reports';
    case 'summary':
      return `#/meetings/${route.id}/summary`;
    case 'meeting':
      return `#/meetings/${route.id}`;
    case 'edit':
      return `#/meetings/${route.id}/edit`;
  }
}

/**
 * Hash routing (`#/meetings/<id>`), so Back/Forward and reload work in browser mode and in the
 * desktop window alike. Read only after connectClient() has taken the `#token=` fragment away.
 */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    const hash = routeHash(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    // Set at once too: hashchange arrives a task later, and screens should not wait for it.
    setRoute(next);
  }, []);
  return [route, navigate];
}
