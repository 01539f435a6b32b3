import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { THEMES, type Library } from '../../../shared/domain';
import type { EmptyChairClient } from '../api';
import { MeetingDetail } from '../features/meetings/MeetingDetail';
import { MeetingEditor } from '../features/meetings/MeetingEditor';
import { MeetingsList } from '../features/meetings/MeetingsList';
import { ChairMark } from './ChairMark';
import { ClientContext, useClient } from './clientContext';
import type { ConnectionStore } from './connection';
import { NoClient } from './NoClient';
import { asApiError, useLibrary } from './useLibrary';
import { routeHash, useRoute, type Route } from './useRoute';

export interface AppProps {
  /** null in browser mode without a token: the app then explains how to open it. */
  client: EmptyChairClient | null;
  connection?: ConnectionStore;
}

/** What every screen gets from the shell. */
export interface ScreenProps {
  library: Library;
  navigate: (route: Route) => void;
  showToast: (message: string) => void;
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
  const [toast, setToast] = useState<{ id: number; message: string } | null>(null);
  const store = connection ?? noStore;
  const connected = useSyncExternalStore(store.subscribe, store.get);

  const showToast = useCallback((message: string) => setToast((current) => ({ id: (current?.id ?? 0) + 1, message })), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6_000);
    return () => clearTimeout(timer);
  }, [toast]);

  const theme = library?.settings.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // After a screen change, move focus to the new screen's heading so keyboard and screen reader users start there.
  const firstRoute = useRef(true);
  const routeKey = routeHash(route);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
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
      case 'new':
        screen = <MeetingEditor key="new" {...props} />;
        break;
      case 'edit':
        screen = <MeetingEditor key={`edit-${route.id}`} {...props} meetingId={route.id} />;
        break;
      case 'meeting':
        screen = <MeetingDetail key={route.id} {...props} meetingId={route.id} />;
        break;
    }
  }

  return (
    <Shell
      banner={banner}
      tools={library ? <ThemePicker theme={library.settings.theme} onError={(message) => showToast(message)} /> : null}
      toast={toast?.message ?? null}
    >
      {screen}
    </Shell>
  );
}

function Shell({ children, banner, tools, toast = null }: { children: ReactNode; banner?: ReactNode; tools?: ReactNode; toast?: string | null }) {
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(event) => {
        // The hash is the router's; move focus instead of navigating.
        event.preventDefault();
        document.querySelector<HTMLElement>('main h1')?.focus();
      }}>
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <ChairMark />
          <span className="brand-name">Empty Chair</span>
        </div>
        <div className="app-tools">{tools}</div>
      </header>
      {banner}
      <main id="main" className="app-main">
        {children}
      </main>
      <div className="toast-region" role="status" aria-live="polite">
        {toast ? <div className="toast">{toast}</div> : null}
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
