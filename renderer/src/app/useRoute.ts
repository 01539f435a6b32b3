import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'personas' }
  | { name: 'reports' }
  | { name: 'ledger'; /** The search as URL query text (see features/ledger/ledgerQuery.ts), '' for none. */ query: string }
  | { name: 'dashboard' }
  | { name: 'evidence'; /** Words to search the evidence for (`#/evidence?q=…`, the chair's "More"). */ query?: string }
  | { name: 'meeting'; id: string; /** Open the meeting at this decision (from the ledger). */ decisionId?: string }
  | { name: 'summary'; id: string }
  | { name: 'edit'; id: string };

const ID = '([A-Za-z0-9][A-Za-z0-9_-]{0,63})';
const MEETING = new RegExp(`^#/meetings/${ID}(?:\\?decision=${ID})?$`);
const LEDGER = /^#\/ledger(?:\?(.*))?$/;
const EDIT = new RegExp(`^#/meetings/${ID}/edit$`);
const EVIDENCE = /^#\/evidence(?:\?(.*))?$/;
const SUMMARY = new RegExp(`^#/meetings/${ID}/summary$`);

export function parseRoute(hash: string): Route {
  if (hash === '#/new') return { name: 'new' };
  if (hash === '#/personas') return { name: 'personas' };
  if (hash === '#/reports') return { name: 'reports' };
  if (hash === '#/dashboard') return { name: 'dashboard' };
  const evidence = EVIDENCE.exec(hash);
  if (evidence) {
    const query = new URLSearchParams(evidence[1] ?? '').get('q') ?? '';
    return query ? { name: 'evidence', query } : { name: 'evidence' };
  }
  const ledger = LEDGER.exec(hash);
  if (ledger) return { name: 'ledger', query: ledger[1] ?? '' };
  const summary = SUMMARY.exec(hash);
  if (summary) return { name: 'summary', id: summary[1]! };
  const edit = EDIT.exec(hash);
  if (edit) return { name: 'edit', id: edit[1]! };
  const meeting = MEETING.exec(hash);
  if (meeting) return meeting[2] ? { name: 'meeting', id: meeting[1]!, decisionId: meeting[2] } : { name: 'meeting', id: meeting[1]! };
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
    case 'ledger':
      return route.query ? `#/ledger?${route.query}` : '#/ledger';
    case 'dashboard':
      return '#/dashboard';
    case 'evidence':
      return route.query ? `#/evidence?${new URLSearchParams({ q: route.query }).toString()}` : '#/evidence';
    case 'meeting':
      return route.decisionId ? `#/meetings/${route.id}?decision=${route.decisionId}` : `#/meetings/${route.id}`;
    case 'edit':
      return `#/meetings/${route.id}/edit`;
  }
}

/**
 * Hash routing (`#/meetings/<id>`), so Back/Forward and reload work in browser mode and in the
 * desktop window alike. Read only after connectClient() has taken the `#token=` fragment away.
 */
export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (a search refined as the user types). */
  replace?: boolean;
}

export function useRoute(): [Route, (route: Route, options?: NavigateOptions) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate = useCallback((next: Route, options: NavigateOptions = {}) => {
    const hash = routeHash(next);
    if (window.location.hash !== hash) {
      // replaceState fires no hashchange; the state below is the only update, as intended.
      if (options.replace) window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
    }
    // Set at once too: hashchange arrives a task later, and screens should not wait for it.
    setRoute(next);
  }, []);
  return [route, navigate];
}
