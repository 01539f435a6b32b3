/**
 * The Evidence screen against the real service: the empty state offers Import; a real CSV goes
 * through the import dialog (preview, column mapping, polled progress, summary) and the source is
 * listed with its mapping; rename in place (Enter saves, Escape cancels) and delete after a confirm.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceLibrary } from '../../shared/evidence/schema';
import { parseRoute, routeHash } from '../../renderer/src/app/useRoute';
import { importTickets, renderApp, serviceValue, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const CSV = [
  'Ticket ID,Subject,Description,Requester,Created',
  '101,Export is slow,The CSV export takes minutes for our workspace,Acme Corp,2026-11-02',
  '102,Pricing,The team plan price doubled and we may leave,Globex,2026-11-03',
  '103,,,Initech,2026-11-04',
].join('\n');

function open(setup?: (library: Harness['library']) => void) {
  window.history.replaceState(null, '', '/#/evidence');
  harness = renderApp(setup);
  return harness;
}

async function seedSource(library: Harness['library'], name: string) {
  await importTickets(library, name, 'seed.csv', CSV);
}

describe('Evidence screen', () => {
  it('has its own route, #/evidence', () => {
    expect(parseRoute('#/evidence')).toEqual({ name: 'evidence' });
    expect(routeHash({ name: 'evidence' })).toBe('#/evidence');
  });

  it('explains evidence when there is none, and imports a CSV through the dialog', async () => {
    const { library, calls } = open();
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Customer evidence' });
    await screen.findByRole('heading', { name: 'No customer evidence yet' });

    await user.click(screen.getByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import customer evidence' });
    await user.type(within(dialog).getByLabelText('Source name'), 'Support, November');
    await user.upload(within(dialog).getByLabelText(/^File/), new File([CSV], 'tickets.csv', { type: 'text/csv' }));
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));

    await within(dialog).findByText(/Read as CSV/);
    expect(within(dialog).getByRole('columnheader', { name: 'Description' })).toBeTruthy();
    expect(within(dialog).getByText('The CSV export takes minutes for our workspace')).toBeTruthy();
    // The user picks the text columns (subject and description, joined) and the customer column.
    for (const box of within(dialog).getAllByRole('checkbox')) if ((box as HTMLInputElement).checked) await user.click(box);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Subject' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Description' }));
    await user.selectOptions(within(dialog).getByLabelText('Customer column'), 'Requester');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    await within(dialog).findByText('Done: 2 added, 0 updated, 0 unchanged.', undefined, { timeout: 5_000 });
    expect(within(dialog).getByText(/3 rows read, 2 kept, 1 skipped/)).toBeTruthy();
    expect(within(dialog).getByRole('list', { name: 'Skipped rows' }).textContent).toContain('1 with no text');
    const sent = calls.find((call) => call.method === 'evidence.import')!.input as { mapping: { text: string[]; customer: string } };
    expect(sent.mapping.text).toEqual(['Subject', 'Description']);
    expect(sent.mapping.customer).toBe('Requester');
    expect(calls.some((call) => call.method === 'evidence.importStatus')).toBe(true);

    await user.click(await within(dialog).findByRole('button', { name: 'Close' }));
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /Support, November/ });
    expect(row.textContent).toContain('tickets');
    expect(row.textContent).toContain('text: Subject + Description · customer: Requester');
    const stored = serviceValue<EvidenceLibrary>(library, 'evidence.library', {});
    expect(stored.sources.map((source) => [source.name, source.itemCount])).toEqual([['Support, November', 2]]);
  });

  it('imports several Markdown notes into one source, one file after the other, each keeping its customer', async () => {
    const { library } = open();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Source name'), 'Interviews');
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'interviews');
    await user.upload(within(dialog).getByLabelText(/^File/), [
      new File(['We need single sign-on before we roll out.\n\nThe audit log is missing.\n'], 'acme-call.md'),
      new File(['---\ncustomer: Globex Inc\n---\nThe price is too high for our team.\n'], 'globex.md'),
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Import' }));
    await within(dialog).findByText('All 2 files: 3 added, 0 updated, 0 unchanged.', undefined, { timeout: 5_000 });
    const stored = serviceValue<EvidenceLibrary>(library, 'evidence.library', {});
    expect(stored.sources.map((source) => [source.name, source.kind, source.itemCount])).toEqual([['Interviews', 'interviews', 3]]);
    const found = serviceValue<{ hits: { customer: string }[] }>(library, 'evidence.search', { query: 'price team' });
    expect(found.hits[0]!.customer).toBe('Globex Inc');
  });

  it('imports accounts with a result line and shows the count', async () => {
    const { library } = open();
    const user = userEvent.setup();
    const accounts = await screen.findByRole('region', { name: 'Accounts' });
    expect(accounts.textContent).toContain('No accounts yet.');
    const csv = 'id,name,domain,segment,arr,currency\nA1,Acme,acme.com,Enterprise,300000,USD\nG2,Globex,globex.io,SMB,110000,USD\n';
    await user.upload(within(accounts).getByLabelText('Accounts file'), new File([csv], 'accounts.csv', { type: 'text/csv' }));
    await within(accounts).findByText('Imported 2 accounts from accounts.csv.');
    await within(accounts).findByText(/^2 accounts\./);
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).accountCount).toBe(2);
  });

  it('shows the typed error of a file the service cannot read, naming the file, and changes nothing', async () => {
    const { library } = open();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(within(dialog).getByLabelText(/^File/), new File(['[{"text": "fine"}, {"text": '], 'broken.json'));
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/^broken\.json: is not valid JSON/);
    expect(alert.textContent!.match(/broken\.json/g)).toHaveLength(1);
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources).toEqual([]);
  });

  it('refuses a file over 250 MB before sending anything, and names the file', async () => {
    const { calls } = open();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog');
    const big = new File(['comment\nfine\n'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 250 * 1024 * 1024 + 1 });
    await user.upload(within(dialog).getByLabelText(/^File/), big);
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'huge.csv is 262,144,001 bytes, over the 250.0 MB (262,144,000 bytes) a file may be. Split it and import the parts into the same source.',
    );
    expect(calls.some((call) => call.method.startsWith('evidence.upload'))).toBe(false);
  });

  it('renames in place (Escape cancels, Enter saves) and deletes after a confirmation', async () => {
    window.history.replaceState(null, '', '/#/');
    harness = renderApp();
    const { library, calls } = harness;
    await seedSource(library, 'Tickets');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Evidence' }));
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('row', { name: /Tickets/ }).textContent).toContain('2');

    await user.click(within(table).getByRole('button', { name: 'Rename Tickets' }));
    await user.keyboard('{Control>}a{/Control}Ignored{Escape}');
    expect(within(table).getByRole('button', { name: 'Rename Tickets' })).toBeTruthy();
    expect(calls.some((call) => call.method === 'evidence.renameSource')).toBe(false);

    await user.click(within(table).getByRole('button', { name: 'Rename Tickets' }));
    const field = within(table).getByRole('textbox', { name: 'New name for Tickets' });
    await user.clear(field);
    await user.type(field, 'Zendesk tickets{Enter}');
    await within(table).findByRole('button', { name: 'Rename Zendesk tickets' });
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources[0]!.name).toBe('Zendesk tickets');

    await user.click(within(table).getByRole('button', { name: 'Delete Zendesk tickets' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete “Zendesk tickets”?' });
    expect(confirm.textContent).toContain('You can undo this');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources).toHaveLength(1);

    await user.click(within(table).getByRole('button', { name: 'Delete Zendesk tickets' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete source' }));
    await screen.findByRole('heading', { name: 'No customer evidence yet' });
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources).toHaveLength(0);
    // The toast offers Undo, which brings the source back with its items.
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await within(await screen.findByRole('table')).findByRole('button', { name: 'Delete Zendesk tickets' });
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources).toHaveLength(1);
  });

  it('searches all evidence and filters by source, marking the matched words as text', async () => {
    window.history.replaceState(null, '', '/#/');
    harness = renderApp();
    await seedSource(harness.library, 'Tickets');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Evidence' }));
    await user.type(await screen.findByRole('searchbox', { name: 'Words' }), 'export');
    const found = await screen.findByRole('list', { name: 'Evidence found' });
    expect(found.querySelector('mark')?.textContent?.toLowerCase()).toBe('export');
    const sourceId = serviceValue<EvidenceLibrary>(harness.library, 'evidence.library', {}).sources[0]!.id;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source' }), 'Tickets');
    await waitFor(() =>
      expect(harness!.calls.filter((call) => call.method === 'evidence.search').at(-1)?.input).toMatchObject({
        query: 'export',
        filters: { sourceId },
      }),
    );
  });
});
