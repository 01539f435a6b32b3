/**
 * The participant's screen (issue #5) on the real service's participant hub (a real library in a
 * temporary folder), behind an in-process transport that can go offline, lose an answer, or drop
 * its socket: join validation, actions queued while offline and sent once, own-tag-only removal,
 * the private vote, and the end of sharing.
 */
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import type { ShareStartOptions, SharingAdapter } from '../../electron/service/participants';
import { LIMITS } from '../../shared/limits';
import { UNREACHABLE, startModeFrom, type ParticipantTransport, type SocketHandlers } from '../../renderer/src/api/participantTransport';
import { ParticipantApp } from '../../renderer/src/features/participant/ParticipantApp';
import {
  createParticipantSession,
  displayNameProblem,
  type SessionStorageLike,
} from '../../renderer/src/features/participant/participantSession';
import type { ParticipantView } from '../../shared/participantApi';

describe('start mode', () => {
  it('a join link starts the participant screen; the lead token, a route or nothing starts the app', () => {
    expect(startModeFrom('#join=abc123', null)).toEqual({ role: 'participant', token: 'abc123' });
    expect(startModeFrom('#token=lead', null)).toEqual({ role: 'lead' });
    expect(startModeFrom('#/meeting/m1', null)).toEqual({ role: 'lead' });
    expect(startModeFrom('', null)).toEqual({ role: 'lead' });
    // A reload after the fragment was taken out of the address bar.
    expect(startModeFrom('', 'kept')).toEqual({ role: 'participant', token: 'kept' });
  });

  it('a display name is 1 to participantNameMax characters', () => {
    expect(displayNameProblem('   ')).toMatch(/Enter the name/);
    expect(displayNameProblem('x'.repeat(LIMITS.participantNameMax))).toBeNull();
    expect(displayNameProblem('x'.repeat(LIMITS.participantNameMax + 1))).toMatch(`at most ${LIMITS.participantNameMax}`);
  });
});

describe('participant session, on a scripted transport', () => {
  it('a socket closed 4401 whose HTTP probe is refused (the link is dead) ends sharing, and the waiting action is kept as not sent', async () => {
    const calls: string[] = [];
    let handlers: SocketHandlers | null = null;
    let tokenAlive = true;
    const denied = { ok: false as const, error: { code: 'unauthorized' as const, message: 'No.' } };
    const view = {
      meeting: { id: 'm', title: 'T', status: 'running', lead: 'Ana', revision: 1 },
      you: { participantId: 'p', name: 'Ben' },
      item: null,
      personas: [],
      tags: [],
      yourProposals: [],
    };
    const transport: ParticipantTransport = {
      call: async (method, input) => {
        calls.push(`${method} ${JSON.stringify(input)}`);
        if (method === 'participant.join')
          return tokenAlive ? { ok: true, value: { participantId: 'p', name: 'Ben', sessionKey: 'k' } } : denied;
        if (method === 'participant.view') return tokenAlive ? { ok: true, value: view } : denied;
        return UNREACHABLE;
      },
      open(_session, socketHandlers) {
        handlers = socketHandlers;
        // A dead link's socket is never accepted (the server closes it 4401 instead).
        if (tokenAlive) setTimeout(() => socketHandlers.onOpen(), 0);
        return { close: () => undefined };
      },
    };
    const session = createParticipantSession({ transport, retryMs: { first: 5, max: 20 }, isOnline: () => true });
    await session.join('Ben');
    await waitFor(() => expect(session.get().link).toBe('connected'));
    tokenAlive = false;
    handlers!.onClose(1006);
    session.act({ method: 'participant.vote', input: { decisionId: 'd', direction: 'helps' } }, 'Vote “Helps”');
    handlers = null;
    await waitFor(() => expect(handlers).not.toBeNull());
    calls.length = 0;
    handlers!.onClose(4401);
    await waitFor(() => expect(session.get().link).toBe('ended'));
    expect(session.get().endedReason).toMatch(/no longer valid/);
    expect(session.get().pending.map((action) => action.label)).toEqual(['Vote “Helps”']);
    // The probe: the view with the session, then a join with no input (which can change nothing).
    expect(calls).toEqual(['participant.view {}', 'participant.join {}']);
  });
});

let dir: string;
let library: OpenLibrary;
let share: ShareStartOptions | null;
let meeting: Meeting;
const stopHooks = new Set<() => void>();

function lead<T = Meeting>(method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * The real hub behind a network that tests can cut: `online`, `dropSockets()`, `loseNextAnswer`,
 * `rateLimitNext` (answers that many calls `rate_limited`, applying nothing), `missEnd` (the
 * sharing.ended frame is lost). `views` holds every view payload the participant received.
 */
function makeNetwork() {
  const sockets = new Set<{ handlers: SocketHandlers; close: () => void }>();
  const sent: { method: string; input: Record<string, unknown> }[] = [];
  const views: ParticipantView[] = [];
  const network = {
    online: true,
    loseNextAnswer: false,
    rateLimitNext: 0,
    missEnd: false,
    sent,
    views,
    /** Closes every open socket from the server's side, with a close code (1006: cut; 4401: unauthorized). */
    dropSockets(code = 1006) {
      for (const socket of [...sockets]) {
        socket.close();
        socket.handlers.onClose(code);
      }
    },
    transport: {
      call: async (method, input, session) => {
        await Promise.resolve();
        if (!network.online || !share) return UNREACHABLE;
        sent.push({ method, input: input as Record<string, unknown> });
        if (network.rateLimitNext > 0 && method !== 'participant.view') {
          network.rateLimitNext -= 1;
          return { ok: false, error: { code: 'rate_limited', message: 'Too many requests.' }, retryAfterMs: 20 };
        }
        const result = share.hub.call(share.shareId, session, method, input);
        if (result.ok && method !== 'participant.join') views.push(result.value as ParticipantView);
        if (network.loseNextAnswer) {
          // Applied by the server, but the answer never arrives (the network dropped mid-call).
          network.loseNextAnswer = false;
          return UNREACHABLE;
        }
        return result;
      },
      open(session, handlers) {
        if (!share) {
          // No server any more: the connection is refused.
          setTimeout(() => handlers.onClose(1006), 5);
          return { close: () => undefined };
        }
        let closed = false;
        const hub = share!.hub;
        const shareId = share!.shareId;
        const push = () => {
          const view = hub.viewFor(shareId, session);
          if (view && !closed) {
            views.push(view);
            handlers.onEvent({ event: 'participant.view', payload: view });
          }
        };
        const stopListening = hub.onMeetingChanged(shareId, push);
        const onStop = () => {
          if (closed) return;
          if (!network.missEnd) handlers.onEvent({ event: 'sharing.ended', payload: { reason: 'The lead stopped sharing the meeting.' } });
          entry.close();
          handlers.onClose(network.missEnd ? 1006 : 4000);
        };
        const entry = {
          handlers,
          close: () => {
            closed = true;
            stopListening();
            stopHooks.delete(onStop);
            sockets.delete(entry);
          },
        };
        setTimeout(() => {
          if (closed) return;
          if (!network.online || !share) {
            entry.close();
            handlers.onClose(1006);
            return;
          }
          sockets.add(entry);
          stopHooks.add(onStop);
          handlers.onOpen();
          push();
        }, 5);
        return { close: entry.close };
      },
    } satisfies ParticipantTransport,
  };
  return network;
}

function renderParticipant(network: ReturnType<typeof makeNetwork>, storage: SessionStorageLike | null = null) {
  // isOnline: the browser knows when the device itself is offline (navigator.onLine), so an unreachable meeting then is not "ended".
  const session = createParticipantSession({
    transport: network.transport,
    retryMs: { first: 10, max: 40 },
    isOnline: () => network.online,
    storage,
  });
  const view = render(<ParticipantApp session={session} />);
  return { session, view };
}

async function joinAs(name: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Your name'), name);
  await user.click(screen.getByRole('button', { name: 'Join' }));
  await screen.findByRole('heading', { level: 1, name: meeting.title });
  await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());
  return user;
}

const decisionCard = () => screen.getByText('Ship the new tiers').closest('li')!;
const tagEntries = () => lead('meetings.get', { id: meeting.id }).agenda[0]!.decisions[0]!.tags;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-participant-'));
  share = null;
  const adapter: SharingAdapter = {
    start: async (options) => {
      share = options;
      return { port: 1, joinUrl: `http://127.0.0.1:1/#join=${options.token}`, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
    },
    stop: () => {
      share = null;
      for (const hook of [...stopHooks]) hook();
    },
  };
  library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null, sharing: adapter });
  const persona = lead('personas.create', {
    name: 'First-time buyer',
    segment: 'Consumer',
    needs: ['Pay without an account'],
    quotes: [],
  }) as unknown as { id: string };
  const created = lead('meetings.create', {
    title: 'Pricing review',
    scheduledAt: '2026-11-24T09:30:00Z',
    lead: 'Ana',
    participants: [],
    personaIds: [persona.id],
    agenda: [{ title: 'New tiers' }, { title: 'Discounts' }],
  });
  lead('meetings.start', { id: created.id });
  meeting = lead('decisions.add', { meetingId: created.id, itemId: created.agenda[0]!.id, decision: { text: 'Ship the new tiers' } });
  lead('sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  await waitFor(() => expect(share).not.toBeNull());
});

afterEach(() => {
  stopHooks.clear();
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tagId = (label: string) => library.service.library().tags.find((tag) => tag.label.toLowerCase() === label.toLowerCase())!.id;

describe('participant screen', () => {
  it('refuses an empty or too long name before sending, then joins and shows the item, the chair and the personas', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    const user = userEvent.setup();
    const name = await screen.findByLabelText('Your name');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Enter the name/);
    await user.type(name, 'x'.repeat(LIMITS.participantNameMax + 1));
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(screen.getByRole('alert').textContent).toContain(`at most ${LIMITS.participantNameMax}`);
    expect(network.sent).toEqual([]);

    await user.clear(name);
    await user.type(name, 'Ben');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await screen.findByRole('heading', { level: 1, name: 'Pricing review' });
    expect(screen.getByText('Ben', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'New tiers' })).toBeTruthy();
    expect(screen.getByText('How does this affect the customer?')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'In the chair' })).getByText('First-time buyer')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());
    expect(library.service.participants.status(meeting.id).participants.map((p) => p.name)).toEqual(['Ben']);
  });

  it('queues a tag entered while offline, shows it waiting, and sends it once on reconnect; a lost answer is resent and applied once', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    const user = await joinAs('Ben');

    network.online = false;
    act(() => network.dropSockets());
    await screen.findByText('Reconnecting…');
    await user.selectOptions(within(decisionCard()).getByLabelText('Tag'), tagId('pricing'));
    await user.selectOptions(within(decisionCard()).getByLabelText('Impact'), 'hurts');
    await user.click(within(decisionCard()).getByRole('button', { name: 'Add tag' }));
    expect(screen.getAllByText(/1 change waiting to send/).length).toBeGreaterThan(0);
    expect(tagEntries()).toEqual([]);

    network.online = true;
    await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());
    await waitFor(() => expect(tagEntries().map((entry) => [entry.by, entry.direction])).toEqual([['Ben', 'hurts']]));
    await waitFor(() => expect(screen.queryByText(/waiting to send/)).toBeNull());
    expect(network.sent.filter((call) => call.method === 'participant.tag')).toHaveLength(1);

    // The server applies a tag but its answer is lost: the same clientActionId goes again, once more, and changes nothing twice.
    network.loseNextAnswer = true;
    await user.selectOptions(within(decisionCard()).getByLabelText('Tag'), tagId('onboarding'));
    await user.click(within(decisionCard()).getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(network.sent.filter((call) => call.method === 'participant.tag')).toHaveLength(3));
    const [, first, second] = network.sent.filter((call) => call.method === 'participant.tag');
    expect(second!.input.clientActionId).toBe(first!.input.clientActionId);
    await waitFor(() => expect(screen.queryByText(/waiting to send/)).toBeNull());
    expect(tagEntries().filter((entry) => entry.tagId === tagId('onboarding'))).toHaveLength(1);
  });

  it('shows everyone’s tags with who added them and offers to remove only your own', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    const user = await joinAs('Ben');
    const chloe = share!.hub.call(share!.shareId, null, 'participant.join', { name: 'Chloé', clientActionId: 'c-join' });
    const chloeKey = (chloe as { ok: true; value: { sessionKey: string } }).value.sessionKey;
    share!.hub.call(share!.shareId, chloeKey, 'participant.tag', {
      clientActionId: 'c1',
      decisionId: meeting.agenda[0]!.decisions[0]!.id,
      tagId: tagId('pricing'),
    });
    lead('decisions.tag', { meetingId: meeting.id, decisionId: meeting.agenda[0]!.decisions[0]!.id, tagId: tagId('reliability') });

    const tags = await within(decisionCard()).findByRole('list', { name: 'Tags' });
    await waitFor(() => expect(within(tags).getAllByRole('listitem')).toHaveLength(2));
    expect(within(tags).getByText('Chloé')).toBeTruthy();
    expect(within(tags).getByText('Ana')).toBeTruthy();
    expect(within(decisionCard()).queryByRole('button', { name: /Remove my tag/ })).toBeNull();

    await user.selectOptions(within(decisionCard()).getByLabelText('Tag'), tagId('pricing'));
    await user.click(within(decisionCard()).getByRole('button', { name: 'Add tag' }));
    const removeMine = await within(decisionCard()).findByRole('button', { name: /Remove my tag/ });
    expect(within(decisionCard()).getAllByRole('button', { name: /Remove my tag/ })).toHaveLength(1);
    await user.click(removeMine);
    // The button goes with the tag: focus lands on the decision's Tag select, not on <body>.
    expect(document.activeElement).toBe(within(decisionCard()).getByLabelText('Tag'));
    await waitFor(() =>
      expect(
        tagEntries()
          .map((entry) => entry.by)
          .sort(),
      ).toEqual(['Ana', 'Chloé']),
    );
    // Chloé's "pricing" stays beside Ana's tag; only Ben's own entry went.
    await waitFor(() => expect(within(decisionCard()).queryByRole('button', { name: /Remove my tag/ })).toBeNull());
  });

  it('keeps the vote private until the reveal, then shows the spread and a decision with its dissent', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    const user = await joinAs('Ben');
    const decisionId = meeting.agenda[0]!.decisions[0]!.id;
    const chloe = share!.hub.call(share!.shareId, null, 'participant.join', { name: 'Chloé', clientActionId: 'c-join' }) as {
      ok: true;
      value: { sessionKey: string };
    };
    lead('votes.open', { meetingId: meeting.id, decisionId });
    share!.hub.call(share!.shareId, chloe.value.sessionKey, 'participant.vote', { clientActionId: 'cv', decisionId, direction: 'helps' });

    await within(decisionCard()).findByText(/1 vote cast so far/);
    await user.click(within(decisionCard()).getByRole('button', { name: 'Hurts' }));
    await within(decisionCard()).findByText(/Your pick: Hurts\. 2 votes cast/);
    expect(within(decisionCard()).queryByText(/Chloé/)).toBeNull();
    // The data, not only the screen: no view Ben received while the vote was open held another's ballot.
    const openViews = network.views.filter((view) => view.item?.decisions[0]?.vote?.state === 'open');
    expect(openViews.length).toBeGreaterThan(0);
    for (const view of openViews) expect(view.item!.decisions[0]!.vote!.ballots).toEqual([]);
    expect(JSON.stringify(openViews)).not.toContain('Chloé');

    lead('votes.reveal', { meetingId: meeting.id, decisionId });
    const spread = await within(decisionCard()).findByRole('list', { name: 'Spread of the votes' });
    expect(within(spread).getByText('Chloé')).toBeTruthy();
    expect(within(spread).getByText('Ben')).toBeTruthy();
    lead('votes.decide', { meetingId: meeting.id, decisionId, direction: 'helps' });
    await within(decisionCard()).findByText(/disagree and commit/);
    expect(within(decisionCard()).getByText(/Dissent kept: Ben \(Hurts\)/)).toBeTruthy();
  });

  it('says when sharing has ended, and stops reconnecting', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    await joinAs('Ben');
    act(() => {
      lead('sharing.stop', { meetingId: meeting.id });
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sharing has ended' })).toBeTruthy();
    expect(screen.getByText('The lead stopped sharing the meeting.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add tag' })).toBeNull();
    const callsAfter = network.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(network.sent.length).toBe(callsAfter);
  });

  it('keeps a rate-limited action queued and sends it once later; a definitive refusal is shown next to its decision', async () => {
    const network = makeNetwork();
    const { session } = renderParticipant(network);
    const user = await joinAs('Ben');
    network.rateLimitNext = 3;
    await user.type(screen.getByLabelText(/Propose an answer/), 'Existing customers keep their price');
    await user.click(screen.getByRole('button', { name: 'Propose' }));
    await waitFor(() =>
      expect(lead('meetings.get', { id: meeting.id }).agenda[0]!.proposals.map((p) => p.text)).toEqual([
        'Existing customers keep their price',
      ]),
    );
    const proposes = network.sent.filter((call) => call.method === 'participant.propose');
    expect(proposes).toHaveLength(4);
    expect(new Set(proposes.map((call) => call.input.clientActionId)).size).toBe(1);
    await waitFor(() => expect(screen.queryByText(/waiting to send/)).toBeNull());

    act(() =>
      session.act(
        { method: 'participant.tag', input: { decisionId: meeting.agenda[0]!.decisions[0]!.id, tagId: 'no-such-tag' } },
        'Tag “Ghost”',
      ),
    );
    const refusal = await within(decisionCard()).findByRole('alert');
    expect(refusal.textContent).toMatch(/^Tag “Ghost” was not accepted: /);
    expect(session.get().pending).toEqual([]);
    await user.click(within(refusal).getByRole('button', { name: /Dismiss/ }));
    expect(within(decisionCard()).queryByRole('alert')).toBeNull();
  });

  it('ends, with what was waiting listed as not sent, when the end frame was missed and the meeting is gone', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    const user = await joinAs('Ben');
    network.online = false;
    act(() => network.dropSockets());
    await screen.findByText('Reconnecting…');
    await user.selectOptions(within(decisionCard()).getByLabelText('Tag'), tagId('pricing'));
    await user.click(within(decisionCard()).getByRole('button', { name: 'Add tag' }));
    network.missEnd = true;
    act(() => {
      lead('sharing.stop', { meetingId: meeting.id });
    });
    network.online = true;
    const heading = await screen.findByRole('heading', { level: 1, name: 'Sharing has ended' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText(/1 change was not sent/)).toBeTruthy();
    expect(screen.getByText(/Tag “pricing”/i)).toBeTruthy();
  });

  it('keeps the queue, the join and the session across a reload: a lost join answer is the same join, an offline reload resumes the same person', async () => {
    const values = new Map<string, string>();
    const storage: SessionStorageLike = {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
      removeItem: (key) => void values.delete(key),
    };
    const network = makeNetwork();
    const first = renderParticipant(network, storage);
    const user = userEvent.setup();
    network.loseNextAnswer = true;
    await user.type(await screen.findByLabelText('Your name'), 'Ben');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await screen.findByText(/cannot be reached/);
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await screen.findByRole('heading', { level: 1, name: meeting.title });
    const joins = network.sent.filter((call) => call.method === 'participant.join');
    expect(joins).toHaveLength(2);
    expect(joins[1]!.input.clientActionId).toBe(joins[0]!.input.clientActionId);
    expect(library.service.participants.status(meeting.id).participants.map((p) => p.name)).toEqual(['Ben']);
    await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());

    network.online = false;
    act(() => network.dropSockets());
    await screen.findByText('Reconnecting…');
    await user.selectOptions(within(decisionCard()).getByLabelText('Tag'), tagId('pricing'));
    await user.click(within(decisionCard()).getByRole('button', { name: 'Add tag' }));
    // Reload while offline: the page goes, a new one starts on the same tab storage.
    act(() => first.session.dispose());
    first.view.unmount();
    renderParticipant(network, storage);
    await waitFor(() => expect(document.querySelector('main')!.textContent).toMatch(/Reconnecting as Ben…\s*1 change will be sent/));
    await new Promise((resolve) => setTimeout(resolve, 60));
    network.online = true;
    await screen.findByRole('heading', { level: 1, name: meeting.title });
    await waitFor(() => expect(tagEntries().map((entry) => entry.by)).toEqual(['Ben']));
    expect(library.service.participants.status(meeting.id).participants.map((p) => p.name)).toEqual(['Ben']);
    await waitFor(() => expect(screen.queryByText(/waiting to send/)).toBeNull());
  });

  it('focuses the heading after joining, announces the new item, and files a draft under the item it was typed for', async () => {
    const network = makeNetwork();
    renderParticipant(network);
    const user = await joinAs('Ben');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: meeting.title }));
    await user.type(screen.getByLabelText(/Propose an answer/), 'Draft about the tiers');
    act(() => {
      lead('meetings.next', { id: meeting.id, skip: true });
    });
    await screen.findByRole('heading', { level: 2, name: 'Discounts' });
    expect(screen.getByText('Now: item 2 of 2, Discounts')).toBeTruthy();
    const box = screen.getByLabelText(/Propose an answer/) as HTMLTextAreaElement;
    expect(box.value).toBe('');
    await user.type(box, 'Cap discounts at 20%');
    await user.click(screen.getByRole('button', { name: 'Propose' }));
    await waitFor(() =>
      expect(lead('meetings.get', { id: meeting.id }).agenda[1]!.proposals.map((p) => p.text)).toEqual(['Cap discounts at 20%']),
    );
    expect(lead('meetings.get', { id: meeting.id }).agenda[0]!.proposals).toEqual([]);
  });

  it('a socket closed as unauthorized asks over HTTP: a removed participant (the link still works) is asked to join again, and can', async () => {
    const network = makeNetwork();
    const { session } = renderParticipant(network);
    await joinAs('Ben');
    lead('sharing.remove', { meetingId: meeting.id, participantId: session.get().you!.participantId });
    act(() => network.dropSockets(4401));
    // The link still works but the meeting no longer knows Ben: the join screen says why, nothing ended.
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer knows you/);
    expect(screen.getByLabelText('Your name')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Sharing has ended' })).toBeNull();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your name'), 'Ben');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());
    expect(library.service.participants.status(meeting.id).participants).toHaveLength(1);
  });
});
