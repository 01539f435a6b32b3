import { lazy, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Library } from '../../../shared/domain';
import type { EmptyChairClient } from '../api';
import { MeetingScreen } from '../features/meetings/MeetingScreen';
import { MeetingsList } from '../features/meetings/MeetingsList';
import { PersonasPage } from '../features/personas/PersonasPage';
import { ReportsPage } from '../features/export/ReportsPage';
import { BackupsButton } from '../features/storage/BackupsButton';
import { StorageBanner } from '../features/storage/StorageBanner';
import { useStorageStatus } from '../features/storage/useStorageStatus';
import { MeetingSummary } from '../features/summary/MeetingSummary';
import { ChairMark } from './ChairMark';
import { ClientContext, useClient } from './clientContext';
import type { ConnectionStore } from './connection';
import { THEMES } from './constants';
import { NoClient } from './NoClient';
import { asApiError, useLibrary } from './useLibrary';
import type { ScreenProps, ToastAction } from './screen';
import { routeHash, useRoute, type Route } from './useRoute';

// Loaded on first visit: the ledger and the dashboard stay out of the initial JavaScript.
const LedgerPage = lazy(() => import('../features/ledger/LedgerPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const EvidencePage = lazy(() => import('../features/evidence/EvidencePage'));
// Its kept-draft check parses with zod (formDraftSchema.ts): loaded with the form, not with the list.
const MeetingEditor = lazy(() => import('../features/meetings/MeetingEditor').then((module) => ({ default: module.MeetingEditor })));

export interface AppProps {
  /** null in browser mode without a token: the app then explains how to open it. */
  client: EmptyChairClient | null;
  connection?: ConnectionStore;
}

interface Toast {
  id: number;
  message: string;
  action?: ToastAction | undefined;
}

export function App({ client, connection }: AppProps) {
  if (!client) {
    return (
      <Shell>
        <NoClient />
      </Shell>
    );
  }
  return (
    <ClientContext.Provider value={client}>
      <ConnectedApp connection={connection} />
    </ClientContext.Provider>
  );
}

const noStore = { get: () => null, subscribe: () => () => {} };

function ConnectedApp({ connection }: { connection?: ConnectionStore | undefined }) {
  const { library, error, reload } = useLibrary();
  const [route, navigate] = useRoute();
  const storage = useStorageStatus();
  const [toast, setToast] = useState<Toast | null>(null);
  const [toastHeld, setToastHeld] = useState(false);
  const store = connection ?? noStore;
  const connected = useSyncExternalStore(store.subscribe, store.get);

  const showToast = useCallback(
    (message: string, action?: ToastAction) => setToast((current) => ({ id: (current?.id ?? 0) + 1, message, action })),
    [],
  );
  // A toast with a button (Undo) stays longer, and never goes while the pointer or focus is on it.
  useEffect(() => {
    if (!toast || toastHeld) return;
    const timer = setTimeout(() => setToast(null), toast.action ? 10_000 : 6_000);
    return () => clearTimeout(timer);
  }, [toast, toastHeld]);

  // After a restart, a meeting that was running opens where it was: the runner at its current item.
  const resumeChecked = useRef(false);
  useEffect(() => {
    if (!library || resumeChecked.current) return;
    resumeChecked.current = true;
    const running = library.meetings.find((meeting) => meeting.status === 'running');
    if (running && route.name === 'list') navigate({ name: 'meeting', id: running.id });
  }, [library, route, navigate]);

  const theme = library?.settings.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // After a screen change, move focus to the new screen's heading so keyboard and screen reader users start there.
  const firstRoute = useRef(true);
  // The ledger's and the evidence search live in their URL: refining one is not a new screen (focus stays in the search box).
  const routeKey = route.name === 'ledger' || route.name === 'evidence' ? route.name : routeHash(route);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.focus();
      return;
    }
    // A screen loaded on demand has no heading yet: focus it once it arrives, unless the user moved on.
    const main = document.querySelector('main');
    if (!main) return;
    const from = document.activeElement;
    const observer = new MutationObserver(() => {
      const arrived = main.querySelector<HTMLElement>('h1');
      if (!arrived) return;
      observer.disconnect();
      if (document.activeElement === from || document.activeElement === document.body) arrived.focus();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [routeKey]);

  if (error?.code === 'unauthorized') {
    return (
      <Shell>
        <NoClient expired />
      </Shell>
    );
  }

  const banner = (
    <>
      <StorageBanner status={storage} />
      {connected === false ? (
        <div className="banner banner-warning" role="alert">
          Lost the connection to Empty Chair. Trying to reconnect… Changes you save now may fail.
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>
            Could not load your meetings: {error.message} <span className="banner-code">({error.code})</span>
          </span>
          <button type="button" className="button button-small" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}
    </>
  );

  let screen: ReactNode;
  if (!library) {
    screen = error ? null : (
      <p className="loading" role="status">
        Loading your meetings…
      </p>
    );
  } else {
    const props: ScreenProps = { library, navigate, showToast };
    switch (route.name) {
      case 'list':
        screen = <MeetingsList {...props} />;
        break;
      case 'personas':
        screen = <PersonasPage {...props} />;
        break;
      case 'new':
        screen = <MeetingEditor key="new" {...props} />;
        break;
      case 'edit':
        screen = <MeetingEditor key={`edit-${route.id}`} {...props} meetingId={route.id} />;
        break;
      case 'meeting':
        screen = <MeetingScreen key={route.id} {...props} meetingId={route.id} decisionId={route.decisionId} />;
        break;
      case 'summary':
        screen = (
          <MeetingSummary
            key={route.id}
            meetingId={route.id}
            library={library}
            actions={
              <button type="button" className="button" onClick={() => navigate({ name: 'meeting', id: route.id })}>
                Back to the meeting
              </button>
            }
          />
        );
        break;
      case 'reports':
        screen = <ReportsPage library={library} />;
        break;
      case 'ledger':
        screen = <LedgerPage {...props} query={route.query} />;
        break;
      case 'dashboard':
        screen = <DashboardPage {...props} />;
        break;
      case 'evidence':
        screen = <EvidencePage {...props} query={route.query ?? ''} />;
        break;
    }
    // Keyed by screen: a new screen that is still loading never leaves the previous one in place, hidden.
    screen = (
      <Suspense
        key={route.name}
        fallback={
          <p className="loading" role="status">
            Loading…
          </p>
        }
      >
        {screen}
      </Suspense>
    );
  }

  const toastView = toast ? (
    <div
      className="toast"
      onMouseEnter={() => setToastHeld(true)}
      onMouseLeave={() => setToastHeld(false)}
      onFocus={() => setToastHeld(true)}
      onBlur={() => setToastHeld(false)}
    >
      <span>{toast.message}</span>
      {toast.action ? (
        <ToastButton
          key={toast.id}
          action={toast.action}
          onDone={(message) => {
            setToastHeld(false);
            if (message) showToast(message);
            else setToast(null);
          }}
        />
      ) : null}
    </div>
  ) : null;

  return (
    <Shell
      banner={banner}
      nav={<MainNav route={route} />}
      tools={
        library ? (
          <>
            <BackupsButton status={storage} />
            <ThemePicker theme={library.settings.theme} onError={(message) => showToast(message)} />
          </>
        ) : null
      }
      toast={toastView}
    >
      {screen}
    </Shell>
  );
}

function ToastButton({ action, onDone }: { action: ToastAction; onDone: (message: string | null) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="toast-action"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await action.run();
          onDone(null);
        } catch (reason) {
          onDone(`${action.label} failed: ${asApiError(reason).message}`);
        }
      }}
    >
      {action.label}
    </button>
  );
}

function MainNav({ route }: { route: Route }) {
  const here = (name: Route['name'][]) => (name.includes(route.name) ? 'page' : undefined);
  return (
    <nav className="main-nav" aria-label="Main">
      <a href={routeHash({ name: 'list' })} aria-current={here(['list', 'meeting', 'summary', 'edit', 'new'])}>
        Meetings
      </a>
      <a href={routeHash({ name: 'personas' })} aria-current={here(['personas'])}>
        Personas
      </a>
      <a href={routeHash({ name: 'ledger', query: '' })} aria-current={here(['ledger'])}>
        Ledger
      </a>
      <a href={routeHash({ name: 'dashboard' })} aria-current={here(['dashboard'])}>
        Dashboard
      </a>
      <a href={routeHash({ name: 'evidence' })} aria-current={here(['evidence'])}>
        Evidence
      </a>
      <a href={routeHash({ name: 'reports' })} aria-current={here(['reports'])}>
        Reports
      </a>
    </nav>
  );
}

function Shell({
  children,
  banner,
  nav,
  tools,
  toast = null,
}: {
  children: ReactNode;
  banner?: ReactNode;
  nav?: ReactNode;
  tools?: ReactNode;
  toast?: ReactNode;
}) {
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash is the router's; move focus instead of navigating.
          event.preventDefault();
          document.querySelector<HTMLElement>('main h1')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <ChairMark />
          <span className="brand-name">Empty Chair</span>
        </div>
        {nav}
        <div className="app-tools">{tools}</div>
      </header>
      {banner}
      <main id="main" className="app-main">
        {children}
      </main>
      <div className="toast-region" role="status" aria-live="polite">
        {toast}
      </div>
    </div>
  );
}

const THEME_LABELS = { system: 'Match system', light: 'Light', dark: 'Dark' } as const;

function ThemePicker({ theme, onError }: { theme: Library['settings']['theme']; onError: (message: string) => void }) {
  const client = useClient();
  return (
    <label className="theme-picker">
      <span>Theme</span>
      <select
        value={theme}
        onChange={(event) => {
          const next = event.target.value as typeof theme;
          client.call('settings.update', { theme: next }).catch((reason: unknown) => {
            onError(`Could not change the theme: ${asApiError(reason).message}`);
          });
        }}
      >
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {THEME_LABELS[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
