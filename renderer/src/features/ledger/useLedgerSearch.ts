import { useEffect, useMemo, useState } from 'react';
import type { LedgerResult } from '../../../../shared/ledger';
import type { EmptyChairClient } from '../../api';
import type { ScreenProps } from '../../app/screen';
import { useClient } from '../../app/clientContext';
import { parseRoute } from '../../app/useRoute';
import { asApiError } from '../../app/useLibrary';
import { ledgerQueryString, parseLedgerQuery, toLedgerQuery, type LedgerFilters } from './ledgerQuery';

/** Results asked for at a time; "Show more" asks for the next page. */
export const LEDGER_PAGE = 50;
/** Typing waits this long before searching: one request per pause, not per key. */
const TYPING_DELAY_MS = 200;
/** While the service is still building its index, ask again this often. */
const INCOMPLETE_RETRY_MS = 1_000;
/** Meetings changing elsewhere refresh the results at most this often. */
const REFRESH_DELAY_MS = 300;
/** The service answers at most this many entries per request. */
const SERVICE_LIMIT = 500;

/** The service's last answer, and the request it answers (another request may be under way). */
type Answer = { key: string; result: LedgerResult; message?: undefined } | { key: string; result: LedgerResult | null; message: string };

/**
 * The search as the user shapes it, kept in the URL (`#/ledger?q=…`): the typed text (applied
 * after a pause) and the filters. The page writes the URL after each change, replacing its entry
 * (Back leaves the ledger, not one filter); those writes fire no `hashchange`. A URL changed from
 * outside (Back, a shared link, the header's Ledger link) does, and only that is taken up: the
 * page's own writes come back as the `query` prop a render later, and by then the user may have
 * changed the search again (taking the older URL back lost a click and restored cleared words).
 */
export function useLedgerFilters(query: string, navigate: ScreenProps['navigate']) {
  const [filters, setFilters] = useState<LedgerFilters>(() => parseLedgerQuery(query));
  const [text, setText] = useState(filters.text);

  useEffect(() => {
    // The URL this event is about: the page may have written its own since (replaceState).
    const onHashChange = (event: HashChangeEvent) => {
      const route = parseRoute(new URL(event.newURL).hash);
      if (route.name !== 'ledger') return;
      const next = parseLedgerQuery(route.query);
      setFilters(next);
      setText(next.text);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  // Typing updates the search after a short pause.
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => setFilters((current) => ({ ...current, text })), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filters.text]);

  // The URL follows the search.
  const queryString = ledgerQueryString(filters);
  useEffect(() => {
    if (queryString !== query) navigate({ name: 'ledger', query: queryString }, { replace: true });
    // Only a change of the search rewrites the URL; the URL's own changes are taken up above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryString]);

  return { filters, setFilters, text, setText, queryString };
}

/** More than the service gives at once: fetches page after page, up to `wanted` entries. */
async function searchPages(
  client: EmptyChairClient,
  serviceQuery: ReturnType<typeof toLedgerQuery>,
  wanted: number,
): Promise<LedgerResult> {
  const pages: LedgerResult[] = [];
  const limit = serviceQuery.limit ?? LEDGER_PAGE;
  let offset = 0;
  do {
    const page = await client.call('ledger.search', { ...serviceQuery, limit: Math.min(limit, wanted - offset), offset });
    pages.push(page);
    offset += page.entries.length;
    if (page.entries.length === 0) break;
  } while (offset < Math.min(wanted, pages[0]!.total));
  const first = pages[0]!;
  return { ...first, complete: pages.every((page) => page.complete), entries: pages.flatMap((page) => page.entries) };
}

/**
 * The results of a search, a page at a time ("Show more" raises `wanted`). They stay current:
 * decisions logged or changed elsewhere show up, and an index still building is asked again.
 */
export function useLedgerResults(filters: LedgerFilters, queryString: string) {
  const client = useClient();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [wanted, setWanted] = useState(LEDGER_PAGE);
  const [refresh, setRefresh] = useState(0);
  const serviceQuery = useMemo(() => toLedgerQuery(filters, Math.min(wanted, SERVICE_LIMIT)), [filters, wanted]);

  // A new search starts again at the first page.
  const [seenSearch, setSeenSearch] = useState(queryString);
  if (queryString !== seenSearch) {
    setSeenSearch(queryString);
    setWanted(LEDGER_PAGE);
  }

  const requestKey = JSON.stringify([serviceQuery, wanted, refresh]);
  useEffect(() => {
    let active = true;
    const key = JSON.stringify([serviceQuery, wanted, refresh]);
    searchPages(client, serviceQuery, wanted).then(
      (result) => {
        if (active) setAnswer({ key, result });
      },
      (reason: unknown) => {
        if (active) setAnswer((current) => ({ key, result: current?.result ?? null, message: asApiError(reason).message }));
      },
    );
    return () => {
      active = false;
    };
  }, [client, serviceQuery, wanted, refresh]);

  const loading = answer?.key !== requestKey;
  const failed = !loading && answer?.message !== undefined ? answer.message : null;
  const result = answer?.result ?? null;
  const incomplete = !loading && result !== null && !result.complete;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => setRefresh((n) => n + 1), delay);
    };
    if (incomplete) later(INCOMPLETE_RETRY_MS);
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'meeting.changed' || event.event === 'meeting.deleted') later(REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, incomplete]);

  return { result, loading, failed, retry: () => setRefresh((n) => n + 1), showUpTo: setWanted };
}
