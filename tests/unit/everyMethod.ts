import { METHOD_NAMES, type MethodName } from '../../shared/api';
import type { Citation, Decision, Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { sampleDraft } from './helpers';

const EVIDENCE_CSV = 'subject,description,requester\nPricing,Too expensive for us,Acme\n';

type Call = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Calls every declared method once, with valid input, through any transport, in an order where each
 * call has what it needs. Returns each method's result. Transport tests assert all came back ok, so
 * a method added to shared/api.ts without being reachable everywhere fails them.
 */
export async function callEveryMethod(call: Call): Promise<{ method: string; result: Result<unknown> }[]> {
  const value = async <T>(method: MethodName, input: unknown): Promise<T> => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`setup call ${method} failed: ${result.error.message}`);
    return result.value as T;
  };
  const persona = await value<{ id: string }>('personas.create', { name: 'Priya' });
  const spare = await value<{ id: string }>('personas.create', { name: 'Spare' });
  const meeting = await value<Meeting>('meetings.create', sampleDraft({ personaIds: [persona.id] }));
  const [first, second] = meeting.agenda;
  let latest = meeting;
  let removed: Decision | undefined;
  let backupId = '';
  let templateId = '';
  let removedFollowUp: Meeting['followUps'][number] | undefined;
  let imported: Meeting | undefined;
  let evidenceJob = '';
  let evidenceSource = '';
  let evidenceUpload = '';
  let evidenceKey = '';
  let uncited: Citation | undefined;
  const importedItem = () => imported!.agenda.find((item) => item.proposals.length > 0)!;
  const decisionId = () => latest.agenda.find((i) => i.id === second!.id)!.decisions[0]!.id;

  const steps: [MethodName, unknown | (() => unknown)][] = [
    ['library.get', {}],
    ['meetings.get', { id: meeting.id }],
    ['meetings.create', sampleDraft()],
    ['meetings.update', { id: meeting.id, changes: { lead: 'Zoë' } }],
    ['agenda.add', { meetingId: meeting.id, item: { title: 'More' } }],
    ['agenda.update', { meetingId: meeting.id, itemId: first!.id, changes: { notes: 'n' } }],
    ['agenda.move', { meetingId: meeting.id, itemId: first!.id, toIndex: 1 }],
    ['agenda.remove', { meetingId: meeting.id, itemId: first!.id }],
    ['personas.create', { name: 'Another' }],
    ['personas.update', { id: persona.id, changes: { segment: 'Enterprise' } }],
    ['personas.delete', { id: spare.id }],
    ['tags.create', { label: 'churn' }],
    ['settings.update', { theme: 'dark' }],
    ['meetings.start', { id: meeting.id }],
    ['chair.answer', { meetingId: meeting.id, itemId: second!.id, changes: { text: 'Clearer bills', direction: 'unknown' } }],
    ['chair.noImpact', { meetingId: meeting.id, itemId: second!.id, reason: 'Internal tooling only' }],
    ['meetings.next', { id: meeting.id, skip: true }],
    ['meetings.previous', { id: meeting.id }],
    ['decisions.add', { meetingId: meeting.id, itemId: second!.id, decision: { text: 'Ship it', tagIds: ['pricing'] } }],
    ['decisions.update', () => ({ meetingId: meeting.id, decisionId: decisionId(), changes: { direction: 'helps' } })],
    ['decisions.tag', () => ({ meetingId: meeting.id, decisionId: decisionId(), tagId: 'support' })],
    ['decisions.untag', () => ({ meetingId: meeting.id, decisionId: decisionId(), tagId: 'support' })],
    ['decisions.setTags', () => ({ meetingId: meeting.id, decisionId: decisionId(), tagIds: ['pricing', 'support'] })],
    ['decisions.remove', () => ({ meetingId: meeting.id, decisionId: decisionId() })],
    ['decisions.restore', () => ({ meetingId: meeting.id, itemId: second!.id, index: 0, decision: removed! })],
    ['followUps.update', () => ({ meetingId: meeting.id, followUpId: latest.followUps[0]!.id, changes: { done: true } })],
    ['followUps.add', () => ({ meetingId: meeting.id, text: 'Call Priya', decisionId: decisionId() })],
    ['followUps.remove', () => ({ meetingId: meeting.id, followUpId: latest.followUps.at(-1)!.id })],
    ['followUps.restore', () => ({ meetingId: meeting.id, index: 0, followUp: removedFollowUp })],
    ['sharing.interfaces', {}],
    ['sharing.start', { meetingId: meeting.id, host: '127.0.0.1' }],
    ['sharing.status', { meetingId: meeting.id }],
    ['sharing.remove', { meetingId: meeting.id, participantId: 'nobody-joined' }],
    ['sharing.allow', { meetingId: meeting.id, participantId: 'nobody-joined' }],
    ['votes.open', () => ({ meetingId: meeting.id, decisionId: decisionId() })],
    ['votes.reveal', () => ({ meetingId: meeting.id, decisionId: decisionId() })],
    ['votes.decide', () => ({ meetingId: meeting.id, decisionId: decisionId(), direction: 'helps' })],
    ['sharing.stop', { meetingId: meeting.id }],
    ['decisions.recordOutcome', () => ({ meetingId: meeting.id, decisionId: decisionId(), outcome: { direction: 'helps' } })],
    ['checkBacks.list', { meetingId: meeting.id }],
    ['series.create', { name: 'Weekly pricing' }],
    ['templates.create', { meetingId: meeting.id, name: 'Weekly' }],
    ['meetings.createFromTemplate', () => ({ templateId: templateId, scheduledAt: '2026-12-08T10:00:00Z' })],
    ['templates.delete', () => ({ id: templateId })],
    ['meetings.end', { id: meeting.id, skip: true }],
    // Proposals come from participants; an imported copy carrying two lets the lead's methods be reached here.
    ['meetings.import', () => ({ meeting: withProposals(latest), personas: [], asCopy: true })],
    ['meetings.importMany', () => ({ meetings: [latest], personas: [], asCopy: true })],
    ['proposals.accept', () => ({ meetingId: imported!.id, itemId: importedItem().id, proposalId: importedItem().proposals[0]!.id })],
    ['proposals.undoAccept', () => ({ meetingId: imported!.id, itemId: importedItem().id, proposalId: importedItem().proposals[0]!.id })],
    ['proposals.dismiss', () => ({ meetingId: imported!.id, itemId: importedItem().id, proposalId: importedItem().proposals[1]!.id })],
    ['meetings.createNext', { id: meeting.id, scheduledAt: '2026-12-15T10:00:00Z' }],
    ['samples.create', {}],
    ['ledger.search', { text: 'ship', tagIds: ['pricing'] }],
    ['dashboard.get', { from: '2026-01-01' }],
    ['reports.meetings', { ids: [meeting.id] }],
    ['storage.status', {}],
    ['backups.create', {}],
    ['backups.list', {}],
    ['backups.restore', () => ({ id: backupId })],
    // Customer evidence (issue 19): an inline import runs as a job; its status is polled until it is done.
    ['evidence.preview', { input: { kind: 'text', fileName: 'tickets.csv', text: EVIDENCE_CSV } }],
    [
      'evidence.import',
      { source: { name: 'Tickets', kind: 'tickets' }, input: { kind: 'text', fileName: 'tickets.csv', text: EVIDENCE_CSV } },
    ],
    ['evidence.importStatus', () => ({ jobId: evidenceJob })],
    ['evidence.importCancel', () => ({ jobId: evidenceJob })],
    ['evidence.library', {}],
    ['evidence.renameSource', () => ({ id: evidenceSource, name: 'Help desk' })],
    ['evidence.importAccounts', { input: { kind: 'text', fileName: 'accounts.csv', text: 'name,arr,currency\nAcme,120000,USD\n' } }],
    ['evidence.setSynonyms', { tagId: 'pricing', words: ['price', 'invoice'] }],
    ['evidence.search', { query: 'pricing' }],
    ['evidence.forItem', () => ({ meetingId: meeting.id, itemId: second!.id, answer: 'cheaper plans' })],
    ['evidence.accounts', {}],
    ['evidence.uploadStart', { fileName: 'tickets.csv', size: EVIDENCE_CSV.length }],
    ['evidence.uploadChunk', () => ({ uploadId: evidenceUpload, offset: 0, base64: btoa(EVIDENCE_CSV) })],
    ['evidence.uploadCancel', () => ({ uploadId: evidenceUpload })],
    [
      'citations.add',
      () => ({ meetingId: meeting.id, itemId: second!.id, decisionId: decisionId(), sourceId: evidenceSource, key: evidenceKey }),
    ],
    [
      'citations.remove',
      () => ({ meetingId: meeting.id, itemId: second!.id, decisionId: decisionId(), sourceId: evidenceSource, key: evidenceKey }),
    ],
    ['evidence.deleteSource', () => ({ id: evidenceSource })],
    // Undo of the un-cite, with its source deleted since.
    ['citations.restore', () => ({ meetingId: meeting.id, itemId: second!.id, decisionId: decisionId(), citation: uncited!, index: 0 })],
    ['evidence.restoreSource', () => ({ id: evidenceSource })],
    ['meetings.delete', { id: meeting.id }],
  ];
  const covered = new Set(steps.map(([method]) => method));
  const missing = METHOD_NAMES.filter((method) => !covered.has(method));
  if (missing.length) throw new Error(`callEveryMethod does not call: ${missing.join(', ')}`);

  const results: { method: string; result: Result<unknown> }[] = [];
  for (const [method, input] of steps) {
    if (method === 'followUps.remove') removedFollowUp = structuredClone(latest.followUps.at(-1));
    if (method === 'decisions.remove') removed = structuredClone(latest.agenda.find((i) => i.id === second!.id)!.decisions[0]);
    if (method === 'citations.remove')
      uncited = structuredClone(latest.agenda.find((i) => i.id === second!.id)!.decisions[0]!.citations[0]);
    const result = await call(method, typeof input === 'function' ? input() : input);
    results.push({ method, result });
    if (method === 'backups.create' && result.ok) backupId = (result.value as { id: string }).id;
    if (method === 'templates.create' && result.ok) templateId = (result.value as { id: string }).id;
    if (method === 'meetings.import' && result.ok) imported = result.value as Meeting;
    if (method === 'evidence.uploadStart' && result.ok) evidenceUpload = (result.value as { uploadId: string }).uploadId;
    if (method === 'evidence.import' && result.ok) {
      ({ jobId: evidenceJob, sourceId: evidenceSource } = result.value as { jobId: string; sourceId: string });
      // A transport may answer in microtasks only; the job needs the event loop to turn between polls.
      while ((await value<{ state: string }>('evidence.importStatus', { jobId: evidenceJob })).state === 'running')
        await new Promise((resolve) => setImmediate(resolve));
    }
    if (method === 'evidence.search' && result.ok) {
      // The index is built off the request path; the key of a ranked item is what a citation names.
      let found = result.value as { state: string; hits: { key: string; sourceId: string }[] };
      while (found.state !== 'ready') {
        await new Promise((resolve) => setImmediate(resolve));
        found = await value('evidence.search', { query: 'pricing' });
      }
      // The first-run sample has evidence too: cite one of the source imported here.
      evidenceKey = found.hits.find((hit) => hit.sourceId === evidenceSource)!.key;
    }
    const returned = result.ok ? (result.value as Meeting) : undefined;
    if (returned?.agenda && returned.id === meeting.id) latest = returned;
  }
  return results;
}

function withProposals(meeting: Meeting): Meeting {
  const copy = structuredClone(meeting);
  const at = '2026-11-24T09:40:00.000Z';
  copy.agenda[0]!.proposals = [
    { id: 'proposal-1', by: 'Ben', at, text: 'Fewer surprises on the bill', direction: 'helps', status: 'open' },
    { id: 'proposal-2', by: 'Chloé', at, text: 'None', direction: null, status: 'open' },
  ];
  return copy;
}
