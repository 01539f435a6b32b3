/** A real temp library with a real evidence file and accounts imported from disk, a meeting and a decision: for the citation tests. */
import { expect } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { EvidenceSearchResult } from '../../shared/evidence/schema';
import { openTemp, sampleDraft, tempDir, valueOf } from './helpers';
import { importAndWait, writeFile } from './evidence/evidenceHelpers';

const ACCOUNTS = 'id,name,domain,plan,arr,currency\nA-1,Acme Corp,acme.com,Enterprise,120000,USD\nG-2,Globex,globex.io,SMB,50000,EUR\n';
const TICKETS =
  'id,subject,description,requester,account,created_at\n' +
  '101,Pricing page,The new price is too expensive for us,Zoë Martin,A-1,2026-11-20\n' +
  '102,Invoices,Our invoice is confusing every month,Hans,G-2,2026-11-21\n' +
  Array.from({ length: 25 }, (_, i) => `${200 + i},Pricing ${i},Pricing question number ${i},Customer ${i},,2026-11-01`).join('\n') +
  '\n';

export async function setUp(data = tempDir()) {
  const dir = tempDir();
  const library = openTemp(data);
  valueOf(library, 'evidence.importAccounts', { input: { kind: 'path', path: writeFile(dir, 'accounts.csv', ACCOUNTS) } });
  const progress = await importAndWait(library, {
    source: { name: 'Help desk', kind: 'tickets' },
    input: { kind: 'path', path: writeFile(dir, 'tickets.csv', TICKETS) },
  });
  expect(progress.state).toBe('done');
  await library.service.evidence.settled();
  const meeting = valueOf<Meeting>(library, 'meetings.create', sampleDraft());
  const item = meeting.agenda[0]!;
  const withDecision = valueOf<Meeting>(library, 'decisions.add', {
    meetingId: meeting.id,
    itemId: item.id,
    decision: { text: 'Lower the price' },
  });
  const decisionId = withDecision.agenda[0]!.decisions[0]!.id;
  const hits = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'pricing expensive invoice', limit: 50 }).hits;
  const keyOf = (text: string) => hits.find((hit) => hit.text.includes(text))!.key;
  const sourceId = progress.sourceId!;
  const on = (key: string, decision = false) => ({
    meetingId: meeting.id,
    itemId: item.id,
    sourceId,
    key,
    ...(decision ? { decisionId } : {}),
  });
  return { data, library, meeting, item, decisionId, sourceId, hits, keyOf, on };
}

export const itemOf = (meeting: Meeting) => meeting.agenda[0]!;
