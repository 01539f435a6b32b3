/**
 * Issue 16 §1 and §2 at the level of the pieces: paths that cannot be decoded or mapped answer 400,
 * a handler's throw is a 500 and a log line (never the end of the process), half-sent requests are
 * dropped after the headers timeout, and the connection gate ends the oldest connection without
 * the token while those with it are kept. Real servers and sockets on loopback.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionGate } from '../../electron/server/connectionGate';
import { decodePath, guardRequests, guardUpgrades, serverOptions, serveStatic } from '../../electron/server/httpCommon';
import { startParticipantServer } from '../../electron/server/participantServer';
import type { ParticipantHub } from '../../electron/service/participants';
import { tempDir } from './helpers';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  vi.restoreAllMocks();
});

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

/** Sends raw bytes and resolves with what came back once the server closed the connection. */
function rawExchange(port: number, text: string, localAddress?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    let answer = '';
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    socket.write(text);
  });
}

describe('paths', () => {
  it.each([
    ['/index.html%00.js', 'an encoded NUL'],
    ['/%C0%AF', 'overlong UTF-8 for "/"'],
    ['/%E0%80%AF', 'a three-byte overlong'],
    ['/%ED%A0%80', 'a UTF-16 surrogate'],
    ['/%E0%A4%A', 'a cut escape'],
    ['/a%5C..%5Cb', 'a backslash'],
    ['/a%0Ab', 'a line feed'],
    [`/${'a'.repeat(1100)}`, 'a path too long'],
  ])('%s (%s) cannot be decoded or mapped safely', (pathname) => {
    expect(decodePath(pathname)).toBeNull();
  });

  it('decodes ordinary paths', () => {
    expect(decodePath('/assets/app%20one.js')).toBe('/assets/app one.js');
    expect(decodePath('/caf%C3%A9')).toBe('/café');
  });

  it('serveStatic answers 400 to the encoded NUL and keeps serving', async () => {
    const staticDir = tempDir('empty-chair-static-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), 'hello');
    const port = await listen(http.createServer((req, res) => serveStatic(res, new URL(req.url!, 'http://x').pathname, staticDir)));
    expect(await rawExchange(port, 'GET /index.html%00.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 [\s\S]*hello$/);
  });
});

describe('a handler that throws', () => {
  it('answers 500 and logs one line, synchronously or in a promise, and the server keeps serving', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = guardRequests(async (req, res) => {
      const pathname = req.url!.split('?')[0];
      if (pathname === '/sync') throw new Error('boom');
      if (pathname === '/async') {
        await Promise.resolve();
        throw new Error('later boom');
      }
      res.end('fine');
    });
    const server = http.createServer((req, res) => {
      if (req.url!.startsWith('/sync-outside')) {
        // a synchronous throw from a non-async handler, wrapped the same way
        return guardRequests(() => {
          throw new Error('sync boom');
        })(req, res);
      }
      return handler(req, res);
    });
    const port = await listen(server);
    for (const pathname of ['/sync', '/async', '/sync-outside']) {
      const answer = await rawExchange(port, `GET ${pathname}?token=secret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 500 [\s\S]*"code":"internal"/);
    }
    expect(await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/fine$/);
    expect(logged).toHaveBeenCalledTimes(3);
    expect(String(logged.mock.calls[0]![0])).toMatch(/^Empty Chair: a request failed on GET \/sync: Error: boom/);
    expect(logged.mock.calls.flat().join(' ')).not.toContain('secret'); // the query may hold a token
  });

  it('an upgrade handler that throws ends that socket with a 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = http.createServer();
    server.on(
      'upgrade',
      guardUpgrades(() => {
        throw new Error('upgrade boom');
      }),
    );
    const port = await listen(server);
    const answer = await rawExchange(port, 'GET /events HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 500 /);
  });
});

describe('timeouts', () => {
  it('drops a half-sent request after the headers timeout', async () => {
    const port = await listen(http.createServer(serverOptions({ headersTimeoutMs: 300 }), (_req, res) => res.end('never')));
    const started = performance.now();
    const answer = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 |^$/); // Node answers 408 or just closes
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe('the connection gate', () => {
  it('past the per-address cap it ends the oldest connection without the token, never one with it', async () => {
    const staticDir = tempDir('empty-chair-gate-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), 'page');
    const hub = {
      onMeetingChanged: () => () => {},
      participantOf: () => null,
      call: () => ({ ok: true, value: { fine: true } }),
    } as unknown as ParticipantHub;
    const server = await startParticipantServer({
      hub,
      shareId: 's',
      meetingId: 'm',
      host: '127.0.0.1',
      port: 0,
      token: 'the-token',
      staticDir,
      gate: { unprovenPerAddress: 2, unprovenTotal: 2, provenTotal: 10 },
    });
    closers.push(() => server.close('done'));
    const port = server.port;
    // One connection shows the token over keep-alive and then sits idle: it is proven.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: '127.0.0.6' } as http.AgentOptions);
    const call = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/p/api/participant.view',
            method: 'POST',
            agent,
            headers: { authorization: 'Bearer the-token', 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    expect(await call()).toBe(200);
    closers.push(() => agent.destroy());
    // Idle connections without the token from one address: the third ends the first.
    const idle = (localAddress: string) => {
      const socket = net.connect({ host: '127.0.0.1', port, localAddress });
      socket.on('error', () => {});
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()));
      closers.push(() => void socket.destroy());
      return { socket, closed, connected };
    };
    const first = idle('127.0.0.7');
    await first.connected;
    const second = idle('127.0.0.7');
    await second.connected;
    const third = idle('127.0.0.7');
    await third.connected;
    await first.closed; // the oldest went
    // In total: a fourth from elsewhere ends the oldest unproven one left (the second).
    const fourth = idle('127.0.0.8');
    await fourth.connected;
    await second.closed;
    // The proven connection is still there and answers on the same socket.
    expect(await call()).toBe(200);
    expect(third.socket.destroyed).toBe(false);
  });

  it('refuses to prove more connections than its cap, and forgets closed ones', () => {
    const gate = new ConnectionGate({ unprovenPerAddress: 5, unprovenTotal: 5, provenTotal: 1 });
    const fake = () => {
      const socket = new net.Socket();
      Object.defineProperty(socket, 'remoteAddress', { value: '127.0.0.9' });
      return socket;
    };
    const [a, b] = [fake(), fake()];
    gate.admit(a);
    gate.admit(b);
    expect(gate.counts()).toEqual({ unproven: 2, proven: 0 });
    expect(gate.prove(a)).toBe(true);
    expect(gate.prove(b)).toBe(false);
    a.emit('close');
    expect(gate.counts()).toEqual({ unproven: 1, proven: 0 });
    expect(gate.prove(b)).toBe(true);
  });
});
