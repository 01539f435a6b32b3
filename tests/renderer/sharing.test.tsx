/**
 * The lead's side of sharing (issue #5) in the real App on the real service, whose participant
 * server really listens on 127.0.0.1: Invite participants (address, link, QR, who joined, Stop),
 * hidden votes on a decision row, participants' proposals in the chair, and attribution that is
 * announced as it arrives. Participants are played by plain HTTP requests to that server.
 */
import http from 'node:http';
import net from 'node:net';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { ParticipantJoined } from '../../shared/participantApi';
import { createParticipantSharing } from '../../electron/server/participantSharing';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

function open() {
  let meeting!: Meeting;
  const h = renderApp(
    (library) => {
      const created = serviceCall(library, 'meetings.create', {
        title: 'Pricing review',
        scheduledAt: '2026-11-24T09:30:00.000Z',
        lead: 'Ana',
        participants: [],
        personaIds: [],
        agenda: [{ title: 'New tiers' }, { title: 'Discounts' }],
      }) as Meeting;
      serviceCall(library, 'meetings.start', { id: created.id });
      meeting = serviceCall(library, 'decisions.add', {
        meetingId: created.id,
        itemId: created.agenda[0]!.id,
        decision: { text: 'Ship the new tiers' },
      }) as Meeting;
    },
    { sharing: createParticipantSharing() },
  );
  harness = h;
  window.location.hash = `#/meetings/${meeting.id}`;
  return { h, meeting, decisionId: meeting.agenda[0]!.decisions[0]!.id, itemId: meeting.agenda[0]!.id };
}

/** A participant's call to the real participant server, as their browser would make it. */
function participantCall<T>(joinUrl: string, method: string, input: unknown, session?: string): Promise<Result<T>> {
  const url = new URL(joinUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('join')!;
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `/p/api/${method}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
          ...(session ? { 'x-empty-chair-session': session } : {}),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(JSON.parse(text) as Result<T>));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function joinAs(joinUrl: string, name: string): Promise<string> {
  const joined = await participantCall<ParticipantJoined>(joinUrl, 'participant.join', { name, clientActionId: crypto.randomUUID() });
  if (!joined.ok) throw new Error(joined.error.message);
  return joined.value.sessionKey;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function startSharing(user: ReturnType<typeof userEvent.setup>): Promise<string> {
  await user.click(await screen.findByRole('button', { name: 'Invite participants' }));
  const dialog = await screen.findByRole('dialog', { name: 'Invite participants' });
  const loopback = await within(dialog).findByRole('radio', { name: /^127\.0\.0\.1: this computer only/ });
  expect((loopback as HTMLInputElement).checked).toBe(true);
  const startButton = within(dialog).getByRole('button', { name: 'Start sharing' });
  await user.click(startButton);
  const link = (await screen.findByRole('textbox', { name: 'Join link' })) as HTMLInputElement;
  // Focus moves to the link, and Stop is a new button, not the Start button relabelled under a second Enter.
  await waitFor(() => expect(document.activeElement).toBe(link));
  expect(startButton.isConnected).toBe(false);
  return link.value;
}

const decisionRow = (decisionId: string) => document.querySelector<HTMLElement>(`[data-decision-id="${decisionId}"]`)!;
const announcement = () => document.querySelector('.arrival-note')?.textContent ?? '';

describe('sharing a running meeting', () => {
  it('invites on loopback: link with the token in its fragment, QR as an image, who joined, then Stop sharing closes the port', async () => {
    const { h, meeting } = open();
    const user = userEvent.setup();
    const joinUrl = await startSharing(user);
    expect(joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#join=[\w-]{40,}$/);
    const dialog = screen.getByRole('dialog', { name: 'Participants are invited' });
    const qr = within(dialog).getByRole('img', { name: /QR code of the join link/ }) as HTMLImageElement;
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3C/);
    expect(within(dialog).getByText('Nobody has joined yet.')).toBeTruthy();

    await joinAs(joinUrl, 'Ben');
    await within(dialog).findByText('Ben');
    expect(screen.getByRole('button', { name: /^Sharing: 0 participants$/ })).toBeTruthy();

    const port = Number(new URL(joinUrl).port);
    await user.click(within(dialog).getByRole('button', { name: 'Stop sharing' }));
    await within(dialog).findByRole('button', { name: 'Start sharing' });
    expect(await refused(port)).toBe(true);
    expect(h.library.service.participants.status(meeting.id).state).toBe('off');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Invite participants' })).toBeTruthy();
  });

  it('removes a participant, who cannot join again with the link until the lead lets them back in', async () => {
    const { h, meeting } = open();
    const user = userEvent.setup();
    const joinUrl = await startSharing(user);
    const dialog = screen.getByRole('dialog', { name: 'Participants are invited' });
    await joinAs(joinUrl, 'Ben');
    await joinAs(joinUrl, 'Cy');
    await within(dialog).findByText('Cy');

    await user.click(within(dialog).getByRole('button', { name: 'Remove Ben' }));
    const removedList = await within(dialog).findByRole('list', { name: 'Removed' });
    expect(within(removedList).getByText('Ben')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Remove Ben' })).toBeNull();
    expect(h.library.service.participants.status(meeting.id).participants.map((x) => x.name)).toEqual(['Cy']);
    // Same link, same address (this computer): refused, under any name.
    const again = await participantCall(joinUrl, 'participant.join', { name: 'Benjamin', clientActionId: crypto.randomUUID() });
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await user.click(within(removedList).getByRole('button', { name: 'Let Ben back in' }));
    await waitFor(() => expect(within(dialog).queryByRole('list', { name: 'Removed' })).toBeNull());
    await joinAs(joinUrl, 'Ben');
    await within(dialog).findByRole('button', { name: 'Remove Ben (2)' }); // "Ben" stays the first Ben's name
  });

  it('runs a hidden vote on a decision: N voted, reveal, spread, decide; a split is recorded as disagree and commit with the dissent', async () => {
    const { h, meeting, decisionId } = open();
    const user = userEvent.setup();
    const joinUrl = await startSharing(user);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    const ben = await joinAs(joinUrl, 'Ben');
    const chloe = await joinAs(joinUrl, 'Chloé');

    await user.click(await within(decisionRow(decisionId)).findByRole('button', { name: 'Open vote' }));
    await within(decisionRow(decisionId)).findByText(/Vote open: 0 participants voted/);
    await participantCall(joinUrl, 'participant.vote', { clientActionId: 'b1', decisionId, direction: 'helps' }, ben);
    await participantCall(joinUrl, 'participant.vote', { clientActionId: 'c1', decisionId, direction: 'hurts' }, chloe);
    await within(decisionRow(decisionId)).findByText(/Vote open: 2 participants voted/);
    // Hidden from the lead too, until the reveal: not only on screen but in the meeting the lead's app is given.
    expect(within(decisionRow(decisionId)).queryByText('Chloé')).toBeNull();
    const given = serviceCall(h.library, 'meetings.get', { id: meeting.id }) as Meeting;
    expect(given.agenda[0]!.decisions[0]!.vote).toMatchObject({ ballots: [], hiddenBallots: 2 });
    expect(JSON.stringify(given)).not.toMatch(/Chloé|"by":"Ben"/);

    await user.click(within(decisionRow(decisionId)).getByRole('button', { name: 'Reveal' }));
    const spread = await within(decisionRow(decisionId)).findByRole('list', { name: 'Spread of the votes' });
    expect(within(spread).getByText('Ben')).toBeTruthy();
    expect(within(spread).getByText('Chloé')).toBeTruthy();
    expect(within(decisionRow(decisionId)).getByText(/The vote is split/)).toBeTruthy();
    await user.click(
      within(within(decisionRow(decisionId)).getByRole('group', { name: 'Decide the direction' })).getByRole('button', { name: 'Helps' }),
    );
    await within(decisionRow(decisionId)).findByText(/Dissent kept: Chloé \(Hurts\)/);
    const decided = h.library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.vote!.decided!;
    expect(decided).toMatchObject({ direction: 'helps', disagreeAndCommit: true });
    expect(decided.dissent.map((ballot) => ballot.by)).toEqual(['Chloé']);
  });

  it('shows participants’ proposals and tags with who added them, announces them, and takes a proposal as the answer', async () => {
    const { h, meeting, decisionId, itemId } = open();
    const user = userEvent.setup();
    const joinUrl = await startSharing(user);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    const ben = await joinAs(joinUrl, 'Ben');
    await waitFor(() => expect(screen.getByRole('button', { name: /^Sharing: / })).toBeTruthy());

    const pricing = h.library.service.library().tags.find((tag) => tag.label.toLowerCase() === 'pricing')!;
    await participantCall(joinUrl, 'participant.tag', { clientActionId: 't1', decisionId, tagId: pricing.id, direction: 'hurts' }, ben);
    await waitFor(() => expect(announcement()).toContain('Ben tagged “pricing”'));
    const tags = within(decisionRow(decisionId)).getByRole('list', { name: 'Tags' });
    expect(within(tags).getByText('Ben')).toBeTruthy();
    expect(within(tags).getByRole('listitem').getAttribute('title')).toMatch(/^Added by Ben, /);
    // When, in text a screen reader reads (not only the mouse-only tooltip).
    const when = within(tags).getByRole('listitem').querySelector('.visually-hidden time');
    expect(when?.getAttribute('dateTime')).toBe(h.library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.tags[0]!.at);

    await participantCall(
      joinUrl,
      'participant.propose',
      { clientActionId: 'p1', itemId, text: 'Existing customers keep their price for a year', direction: 'helps' },
      ben,
    );
    const proposals = await screen.findByRole('region', { name: 'Proposed answers' });
    expect(within(proposals).getByText('Existing customers keep their price for a year')).toBeTruthy();
    expect(within(proposals).getByText('Ben')).toBeTruthy();
    await waitFor(() => expect(announcement()).toContain('Ben proposed an answer'));

    await user.click(within(proposals).getByRole('button', { name: /Use this/ }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Proposed answers' })).toBeNull());
    const answer = h.library.service.meeting(meeting.id).agenda[0]!.answer!;
    expect(answer).toMatchObject({ text: 'Existing customers keep their price for a year', direction: 'helps', by: 'Ben' });
    const box = within(screen.getByRole('complementary', { name: 'Empty chair' })).getByRole('textbox', {
      name: 'How does this affect the customer?',
    }) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('Existing customers keep their price for a year'));
  });
});
