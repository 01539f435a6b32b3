/**
 * Raw-HTTP fuzz of both servers (issue 16 §1): seeded malformed requests over plain TCP sockets on
 * loopback (random bytes, broken request lines, bad percent-encodings with %00 and overlong UTF-8,
 * invalid methods, huge and repeated headers, HTTP/0.9 and 1.0, pipelined garbage, bad bodies and
 * chunking, broken upgrades, half-closed and abandoned sockets). Each server runs in a process of
 * its own, as in the app: a crash is that process exiting (counted, and the server started again so
 * the run goes on). Afterwards the process must be the first one, alive, and answer legitimate
 * requests. HTTP_FUZZ_REQUESTS sets the requests per server (npm run test:fuzz:http: 10,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { makePayloads, seededRandom, type Payload, type Target } from './rawHttpFuzz/payloads';
import { tempDir } from './helpers';

const REQUESTS = Number(process.env.HTTP_FUZZ_REQUESTS ?? 300);
const SEED = Number(process.env.HTTP_FUZZ_SEED ?? 20261206);
/** Connections in flight at once: a busy client, well under the gate's 16 unproven per address. */
const CONCURRENCY = 12;
/** The fuzz comes from 127.0.0.1; the legitimate requests after it from here, with budgets untouched. */
const LEGIT_ADDRESS = '127.0.0.2';
/** No connection may stay open longer than this: a bound on the run, counted (not a failure) if hit. */
const CONNECTION_BOUND_MS = 15_000;

interface ServerProcess {
  child: ChildProcess;
  target: Target;
  exited: Promise<number | null>;
  /** Lines the server logged for a handler's unexpected error (each was answered 500, not a crash). */
  handlerErrors: number;
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill();
});

async function startServerProcess(kind: Target['kind']): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'rawHttpFuzz', 'serve.ts'), kind, tempDir(`empty-chair-rawfuzz-${kind}-`)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: ServerProcess = { child, target: { kind, port: 0, token: '' }, exited, handlerErrors: 0 };
  let stderr = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
    if (/Empty Chair: .* failed/.test(line)) server.handlerErrors++;
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    void exited.then((code) => reject(new Error(`the ${kind} server exited (${code}) before listening:\n${stderr}`)));
  });
  const { port, token } = JSON.parse(first) as { port: number; token: string };
  server.target = { kind, port, token };
  return server;
}

interface Tally {
  requests: number;
  connections: number;
  crashes: number;
  overBound: number;
  statuses: Map<string, number>;
}

/** Sends one payload on a fresh connection and resolves when the connection is gone; notes the first status line. */
function send(port: number, payload: Payload, tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const bound = setTimeout(() => {
      tally.overBound++;
      socket.destroy();
    }, CONNECTION_BOUND_MS);
    socket.on('data', (data) => {
      if (answer.length < 20) answer += data.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(bound);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? (answer ? 'other' : 'none');
      tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
      resolve();
    });
    socket.on('connect', () => {
      const write = (index: number) => {
        if (index === payload.chunks.length) {
          if (payload.ending === 'abandon') socket.destroy();
          else socket.end(); // half-closed: our side is done, the server's may still answer
          return;
        }
        socket.write(payload.chunks[index]!, () => write(index + 1));
      };
      write(0);
    });
  });
}

/** A request as a browser would send it, from LEGIT_ADDRESS; answers the status and body. */
function legit(
  port: number,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: LEGIT_ADDRESS });
    const lines = [
      `${method} ${pathname} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Connection: close',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    // Not half-closed: Node's HTTP server aborts a request whose client ends its side before the answer.
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
    let text = '';
    socket.on('data', (data) => (text += data.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) }),
    );
  });
}

async function fuzz(kind: Target['kind'], seed: number) {
  let server = await startServerProcess(kind);
  const original = server.child;
  const tally: Tally = { requests: 0, connections: 0, crashes: 0, overBound: 0, statuses: new Map() };
  let handlerErrors = 0;
  const random = seededRandom(seed);
  let next = makePayloads(random, server.target);
  let crashed = false;
  void server.exited.then(() => (crashed = true));
  while (tally.requests < REQUESTS) {
    const batch: Payload[] = [];
    while (batch.length < CONCURRENCY && tally.requests < REQUESTS) {
      const payload = next();
      batch.push(payload);
      tally.requests += payload.requests;
      tally.connections++;
    }
    await Promise.all(batch.map((payload) => send(server.target.port, payload, tally)));
    if (crashed) {
      // Counted, then a new server so the run can go on (and the report says how often it died).
      tally.crashes++;
      handlerErrors += server.handlerErrors;
      server = await startServerProcess(kind);
      next = makePayloads(random, server.target);
      crashed = false;
      void server.exited.then(() => (crashed = true));
    }
  }
  handlerErrors += server.handlerErrors;
  return { server, original, tally, handlerErrors };
}

describe.each([
  ['browser', 'electron/server/httpServer.ts'],
  ['participant', 'electron/server/participantServer.ts'],
] as const)('raw HTTP fuzz: the %s server (%s)', (kind, _file) => {
  it(`${REQUESTS} malformed requests do not end the process, and it answers a legitimate request afterwards`, async () => {
    const started = performance.now();
    const { server, original, tally, handlerErrors } = await fuzz(kind, SEED + (kind === 'browser' ? 0 : 1));
    const { port, token } = server.target;
    const statuses = [...tally.statuses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    console.log(
      `rawHttpFuzz ${kind}: ${tally.requests} requests on ${tally.connections} connections, ${tally.crashes} crashes, ` +
        `${handlerErrors} handler errors answered 500, ${tally.overBound} connections over the ${CONNECTION_BOUND_MS} ms bound; ` +
        `first answers: ${statuses}; ${Math.round(performance.now() - started)} ms`,
    );
    expect(tally.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(tally.crashes).toBe(0);
    expect(server.child).toBe(original);
    expect(server.child.exitCode).toBeNull();
    // The encoded NUL of the issue, and legitimate requests, from a fresh address.
    expect((await legit(port, 'GET', '/index.html%00.js')).status).toBe(400);
    const page = await legit(port, 'GET', '/');
    expect([page.status, page.body]).toEqual([200, '<!doctype html><title>Empty Chair</title>']);
    const call =
      kind === 'browser'
        ? await legit(port, 'POST', '/api/library.get', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, '{}')
        : await legit(
            port,
            'POST',
            '/p/api/participant.join',
            { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            JSON.stringify({ name: 'After the fuzz', clientActionId: 'after' }),
          );
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ ok: true });
    expect(server.child.exitCode).toBeNull();
    server.child.kill();
  }, 600_000);
});
