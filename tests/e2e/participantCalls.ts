import { expect, type APIRequestContext } from '@playwright/test';
import type { SharingStatus } from '../../shared/sharing';
import { api } from './runnerHelpers';
import type { WebApp } from './webApp';

/**
 * A participant joined over the participant API (the calls the participant page makes), for tests
 * where what matters is the lead's screen: proposing answers and voting.
 */
export async function participant(request: APIRequestContext, app: WebApp, meetingId: string, name: string) {
  await expect
    .poll(async () => (await api<SharingStatus>(request, app, 'sharing.status', { meetingId })).joinUrl, { timeout: 15_000 })
    .toBeTruthy();
  const joinUrl = new URL((await api<SharingStatus>(request, app, 'sharing.status', { meetingId })).joinUrl!);
  const token = joinUrl.hash.slice('#join='.length);
  let actions = 0;
  // Action ids are plain letters and digits; a name may not be.
  const prefix = name.replace(/[^A-Za-z0-9]/g, '_');
  const post = async (method: string, input: object, session?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (session) headers['x-empty-chair-session'] = session;
    const response = await request.post(`${joinUrl.origin}/p/api/${method}`, { headers, data: input });
    const body = (await response.json()) as { ok: boolean; value: { sessionKey: string } };
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body.value;
  };
  const { sessionKey } = await post('participant.join', { name, clientActionId: `${prefix}-join` });
  return {
    propose: (itemId: string, text: string, direction: string | null = null) =>
      post('participant.propose', { clientActionId: `${prefix}-${++actions}`, itemId, text, direction }, sessionKey),
    vote: (decisionId: string, direction: string) =>
      post('participant.vote', { clientActionId: `${prefix}-${++actions}`, decisionId, direction }, sessionKey),
  };
}
