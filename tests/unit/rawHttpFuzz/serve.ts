/**
 * One server for the raw-HTTP fuzz (tests/unit/rawHttpFuzz.test.ts), in its own process so that a
 * crash is a process that exits, as in the app. `node --import tsx serve.ts browser|participant DIR`
 * prints one JSON line: { port, token } (and, for the participant server, the meeting's join token).
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../../electron/server/httpServer';
import { createParticipantSharing } from '../../../electron/server/participantSharing';
import { dispatch } from '../../../electron/service/dispatch';
import { openLibrary } from '../../../electron/service/openLibrary';
import type { Meeting } from '../../../shared/domain';
import type { SharingStatus } from '../../../shared/sharing';

const [kind, dataDir] = process.argv.slice(2) as ['browser' | 'participant', string];
const staticDir = path.join(dataDir, 'static');
fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Empty Chair</title>');
fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
// Short timeouts: the fuzzer leaves many requests half-sent.
const timeouts = { headersTimeoutMs: 2_000, requestTimeoutMs: 4_000 };

const sharing = createParticipantSharing({ staticDir, ...timeouts });
const library = openLibrary({ dataDir: path.join(dataDir, 'data'), StoreClass: Conf, role: 'fuzz', backupIntervalMs: null, sharing });
const lead = <T>(method: string, input: unknown): T => {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
};

if (kind === 'browser') {
  const server = await startServer({ service: library.service, staticDir, token: 'fuzz-token', ...timeouts });
  console.log(JSON.stringify({ port: server.port, token: server.token }));
} else {
  const meeting = lead<Meeting>('meetings.create', { title: 'Fuzzed', scheduledAt: new Date().toISOString(), agenda: [{ title: 'One' }] });
  lead('meetings.start', { id: meeting.id });
  const on = new Promise<SharingStatus>((resolve) => {
    library.service.events.subscribe((event) => {
      if (event.event === 'sharing.changed' && event.payload.state === 'on') resolve(event.payload);
    });
  });
  lead('sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  const status = await on;
  console.log(JSON.stringify({ port: status.port, token: new URL(status.joinUrl!).hash.slice('#join='.length) }));
}
