import { useEffect, useId, useState, type FormEvent } from 'react';
import { START_INFO_PATH, type StartInfo } from '../../../shared/startInfo';
import { openPrintedLink, rememberReturnTo } from '../api';
import { parseRoute } from './useRoute';
import { ActionError } from './ActionError';

/** What this tab was opened on, in words, when it is a page of its own (not the meeting list). */
function pageInWords(hash: string): string | null {
  if (!hash.startsWith('#/') || hash === '#/') return null;
  const route = parseRoute(hash);
  if (route.name === 'list') return null;
  return route.name === 'meeting' || route.name === 'summary' || route.name === 'edit' ? 'the meeting this link points at' : 'this page';
}

/**
 * Shown in browser mode when the page has no (valid) token: it cannot reach the API without one.
 * It says where the link comes from (and where the data is, which the server tells loopback tabs
 * without the token), takes the link pasted here, and remembers the page so the link opens it.
 */
export function NoClient({ expired = false }: { expired?: boolean }) {
  const id = useId();
  const [hash] = useState(() => window.location.hash);
  const [info, setInfo] = useState<StartInfo | null>(null);
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const page = pageInWords(hash);

  useEffect(() => {
    rememberReturnTo(hash);
    let live = true;
    fetch(START_INFO_PATH)
      .then(async (response) => (response.ok ? ((await response.json()) as { ok: boolean; value: StartInfo }) : null))
      .then((body) => {
        if (live && body?.ok) setInfo(body.value);
      })
      .catch(() => {
        // Empty Chair is not running: the page still says how to start it.
      });
    return () => {
      live = false;
    };
  }, [hash]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(openPrintedLink(link));
  };

  return (
    <section className="notice-screen" aria-labelledby="no-client-title">
      <h1 id="no-client-title" tabIndex={-1}>
        Open the link Empty Chair printed
      </h1>
      {expired ? (
        <p>
          The link this tab was opened with is no longer valid, most likely because Empty Chair was restarted. Each start prints a new link.
        </p>
      ) : (
        <p>This page talks to Empty Chair on your computer, and it needs the private link Empty Chair printed when it started.</p>
      )}
      <p>
        In the terminal where Empty Chair runs, find the line that starts with <q>Open http://127.0.0.1:</q> and open that whole link,
        including the part after <code>#token=</code>, in this browser.
        {page ? ` Empty Chair then opens ${page}.` : ''}
      </p>
      <form className="no-client-paste" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-link`}>Or paste the link here</label>
        <input
          id={`${id}-link`}
          type="url"
          value={link}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setLink(event.target.value)}
        />
        <button type="submit" className="button button-primary">
          Open
        </button>
        <ActionError message={error} id={`${id}-error`} />
      </form>
      <h2>Empty Chair is not running?</h2>
      <p>
        Start it again: in the Empty Chair folder, run <code>{info?.command ?? 'npm start'}</code>. It prints a new link to open.
      </p>
      {info?.dataDir ? (
        <p>
          Your meetings are kept in <code className="no-client-path">{info.dataDir}</code>.
        </p>
      ) : null}
    </section>
  );
}
