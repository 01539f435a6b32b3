/**
 * The Evidence screen's newer parts against the real service: a file over the inline cap sent in
 * chunks with progress, the search's filters and its URL (#/evidence?q=…), the accounts list,
 * re-import with the saved mapping, and the tag words editor (keyboard, limits).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS } from '../../shared/evidence/limits';
import type { EvidenceLibrary } from '../../shared/evidence/schema';
import { parseRoute, routeHash } from '../../renderer/src/app/useRoute';
import { importTickets, renderApp, serviceValue, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const CSV = [
  'id,subject,description,requester,segment,created_at,satisfaction',
  '101,Export is slow,The CSV export takes minutes,Acme,Enterprise,2026-11-02,2',
  '102,Pricing,The team plan price doubled,Globex,SMB,2026-11-03,1',
  '103,Pricing,Price is fine for now,Acme,Enterprise,2026-11-10,4',
].join('\n');
const ACCOUNTS = 'id,name,segment,arr,currency\nA1,Acme,Enterprise,240000,USD\nG2,Globex,SMB,,EUR\nI3,Initech,SMB,12000,GBP\n';

function open(hash = '#/evidence') {
  window.history.replaceState(null, '', `/${hash}`);
  harness = renderApp();
  return harness;
}

async function seed(library: Harness['library'], withAccounts = true) {
  await importTickets(library, 'Tickets', 'tickets.csv', CSV);
  if (withAccounts) serviceValue(library, 'evidence.importAccounts', { input: { kind: 'text', fileName: 'a.csv', text: ACCOUNTS } });
  await library.service.evidence.settled();
}

/** A CSV over the inline cap: enough rows of real text. */
function bigCsv(): string {
  const rows = ['id,comment,customer'];
  for (let i = 0; rows.join('\n').length <= EVIDENCE_LIMITS.inlineBytesMax + 50_000; i++)
    rows.push(`${i},"Row ${i}: the export of invoices is slow and the price went up again for our whole team",Customer ${i % 50}`);
  return rows.join('\n');
}

describe('Evidence screen: uploads, filters, accounts, re-import, tag words', () => {
  it('sends a file over 700 KB in chunks with progress, then previews and imports it under its own name', async () => {
    const { library, calls } = open();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import customer evidence' });
    const csv = bigCsv();
    await user.type(within(dialog).getByLabelText('Source name'), 'Big export');
    await user.upload(within(dialog).getByLabelText(/^File/), new File([csv], 'big.csv', { type: 'text/csv' }));
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await within(dialog).findByText(/Read as CSV/, undefined, { timeout: 10_000 });
    const chunks = calls.filter((call) => call.method === 'evidence.uploadChunk').map((call) => call.input as { offset: number });
    expect(chunks.map((chunk) => chunk.offset)).toEqual([0, EVIDENCE_LIMITS.uploadChunkBytesMax]);
    expect(calls.find((call) => call.method === 'evidence.uploadStart')!.input).toEqual({ fileName: 'big.csv', size: csv.length });
    expect(calls.find((call) => call.method === 'evidence.preview')!.input).toMatchObject({ input: { kind: 'upload' } });
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByText(/^Done: \d+ added, 0 updated, 0 unchanged\.$/, undefined, { timeout: 10_000 });
    const source = serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources[0]!;
    expect(source).toMatchObject({ name: 'Big export', fileName: 'big.csv', itemCount: csv.split('\n').length - 1 });
  });

  it('shows the upload progress and Cancel sending removes what was sent', async () => {
    window.history.replaceState(null, '', '/#/evidence');
    harness = renderApp(undefined, { latencyMs: 40 });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(within(dialog).getByLabelText(/^File/), new File([bigCsv()], 'slow.csv'));
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Sending slow.csv' });
    expect(bar).toBeTruthy();
    expect(within(dialog).getByRole('status').textContent).toMatch(/^Sending slow\.csv: \d+\.\d MB of 0\.\d MB/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel sending' }));
    await within(dialog).findByText('Sending slow.csv was cancelled: nothing was imported.');
    await waitFor(() => expect(harness!.calls.some((call) => call.method === 'evidence.uploadCancel')).toBe(true));
    expect(serviceValue<EvidenceLibrary>(harness!.library, 'evidence.library', {}).sources).toEqual([]);
  });

  it('filters the search by segment, account, dates and rating; results show who, segment, date, source, rating', async () => {
    const { library, calls } = open('#/');
    await seed(library);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Evidence' }));
    await user.type(await screen.findByRole('searchbox', { name: 'Words' }), 'price');
    await screen.findByText(/^2 items match\./);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Segment' }), 'SMB');
    const found = await screen.findByRole('list', { name: 'Evidence found' });
    await waitFor(() => expect(within(found).getAllByRole('listitem')).toHaveLength(1));
    expect(found.textContent).toContain('Globex · SMB · 2026-11-03 · Tickets · rating 1');
    expect([...found.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Pricing', 'price']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Segment' }), '');
    await user.type(screen.getByRole('combobox', { name: 'Account or customer' }), 'acme');
    await user.type(screen.getByLabelText('Lowest rating'), '3');
    await waitFor(() => expect(screen.getByRole('list', { name: 'Evidence found' }).textContent).toContain('Price is fine for now'));
    expect(within(screen.getByRole('list', { name: 'Evidence found' })).getAllByRole('listitem')).toHaveLength(1);
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'evidence.search').at(-1)!.input).toMatchObject({
        query: 'price',
        filters: { account: 'acme', ratingMin: 3 },
      }),
    );
    // A reversed range is said plainly and not sent.
    await user.type(screen.getByLabelText('Highest rating'), '2');
    expect((await screen.findByRole('alert')).textContent).toBe('The lowest rating must be at most the highest.');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText(/^2 items match\./);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-04' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30' } });
    await screen.findByText(/^1 item matches\./);
    expect(screen.getByRole('list', { name: 'Evidence found' }).textContent).toContain(
      'Acme · Enterprise · 2026-11-10 · Tickets · rating 4',
    );
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-01' } });
    expect((await screen.findByRole('alert')).textContent).toBe('The “From” date must be on or before the “To” date.');
    // The words are in the URL.
    expect(window.location.hash).toBe('#/evidence?q=price');
  });

  it('#/evidence?q=… opens the search with those words (the chair\'s "More" link)', async () => {
    expect(parseRoute('#/evidence?q=team%20plan')).toEqual({ name: 'evidence', query: 'team plan' });
    expect(parseRoute('#/evidence?q=')).toEqual({ name: 'evidence' });
    expect(routeHash({ name: 'evidence', query: 'price & plan' })).toBe('#/evidence?q=price+%26+plan');
    expect(parseRoute(routeHash({ name: 'evidence', query: 'price & plan' }))).toEqual({ name: 'evidence', query: 'price & plan' });
    const { library } = open('#/');
    await seed(library, false);
    window.location.hash = routeHash({ name: 'evidence', query: 'export' });
    expect(((await screen.findByRole('searchbox', { name: 'Words' })) as HTMLInputElement).value).toBe('export');
    const found = await screen.findByRole('list', { name: 'Evidence found' });
    expect(found.textContent).toContain('The CSV export takes minutes');
  });

  it('lists accounts with segment, ARR and MRR in their currency and evidence counts; Show evidence filters the search', async () => {
    open();
    const empty = await screen.findByRole('region', { name: 'Accounts' });
    expect(empty.textContent).toContain('No accounts yet.');
    expect(within(empty).queryByRole('table')).toBeNull();
    harness!.close();
    const { library } = open('#/');
    await seed(library);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Evidence' }));
    const table = await within(await screen.findByRole('region', { name: 'Accounts' })).findByRole('table', { name: 'Accounts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].slice(0, 5).map((cell) => cell.textContent))).toEqual([
      ['Acme', 'Enterprise', '$240,000', '$20,000', '2'],
      ['Globex', 'SMB', '—', '—', '1'],
      ['Initech', 'SMB', '£12,000', '£1,000', '0'],
    ]);
    await user.click(within(table).getByRole('button', { name: 'Show evidence from Acme' }));
    expect((screen.getByRole('combobox', { name: 'Account or customer' }) as HTMLInputElement).value).toBe('Acme');
    const found = await screen.findByRole('list', { name: 'Evidence found' });
    expect(within(found).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText(/^2 items match\./)).toBeTruthy();
  });

  it('re-imports a source with its saved mapping: the same file adds nothing', async () => {
    const { library } = open('#/');
    await seed(library, false);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Evidence' }));
    await user.click(await screen.findByRole('button', { name: 'Re-import Tickets' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-import “Tickets”' });
    expect(within(dialog).queryByLabelText('Source name')).toBeNull();
    await user.upload(within(dialog).getByLabelText(/^File/), new File([CSV], 'tickets.csv'));
    await user.click(within(dialog).getByRole('button', { name: 'Re-import' }));
    await within(dialog).findByText('Done: 0 added, 0 updated, 3 unchanged.', undefined, { timeout: 20_000 });
    await user.click(await within(dialog).findByRole('button', { name: 'Close' }));
    const sources = serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).sources;
    expect(sources.map((source) => [source.name, source.itemCount])).toEqual([['Tickets', 3]]);
  });

  it('edits the words that mean a tag with the keyboard, with the limits shown', async () => {
    const { library } = open('#/');
    await seed(library, false);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Evidence' }));
    const section = await screen.findByRole('region', { name: 'Tag words' });
    expect(section.textContent).toContain('Up to 50 words a tag, each at most 40 characters.');
    const field = within(section).getByRole('textbox', { name: 'Add a word for pricing' });
    await user.click(field);
    await user.keyboard('price, Cost, expensive{Enter}');
    const words = await within(section).findByRole('list', { name: 'Words for pricing' });
    await waitFor(() =>
      expect(
        within(words)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(['price×', 'cost×', 'expensive×']),
    );
    expect(within(section).getByText('3 of 50 words')).toBeTruthy();
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).synonyms.pricing).toEqual(['price', 'cost', 'expensive']);
    await user.type(field, `${'x'.repeat(41)}{Enter}`);
    expect((await within(section).findByRole('alert')).textContent).toBe(`“${'x'.repeat(41)}” is longer than 40 characters.`);
    await user.clear(field);
    within(section).getByRole('button', { name: 'Remove “cost” from pricing' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).synonyms.pricing).toEqual(['price', 'expensive']),
    );
  });
});
