/** Shown in browser mode when the page has no (valid) token: it cannot reach the API without one. */
export function NoClient({ expired = false }: { expired?: boolean }) {
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
      </p>
    </section>
  );
}
