/**
 * Malformed HTTP for the raw fuzz (tests/unit/rawHttpFuzz.test.ts), seeded: each payload is the bytes
 * one TCP connection sends, how many requests they hold, and how the connection ends.
 */

/** mulberry32: small, seeded, good enough to pick cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Target {
  port: number;
  /** The server's token: some requests carry it, to reach past authentication. */
  token: string;
  /** 'browser': API at /api/<method>, events at /api/events; 'participant': /p/api/<method>, /p/events. */
  kind: 'browser' | 'participant';
}

export interface Payload {
  family: string;
  /** The bytes, in the pieces they are written in (split at random points, to catch parser states). */
  chunks: Buffer[];
  /** Requests the bytes hold (pipelined ones count each). */
  requests: number;
  /** 'end': half-close after writing and wait for the server; 'abandon': cut the connection as soon as written. */
  ending: 'end' | 'abandon';
}

const BAD_ESCAPES = [
  '%00',
  '%',
  '%G1',
  '%2',
  '%C0%AF',
  '%C0%80',
  '%E0%80%AF',
  '%F0%80%80%AF',
  '%ED%A0%80',
  '%FF',
  '%FE%FF',
  '%C1%BF',
  '%E0%A4%A',
  '%%',
  '%u0000',
  '%5C',
  '%2e%2e%2f',
  '..%2f..%2f',
  '%0d%0a',
];
const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'CONNECT',
  'TRACE',
  'PRI',
  'get',
  'G ET',
  'GET\u0000',
  '\u0000GET',
  'X'.repeat(300),
  'MKCOL',
  'PROPFIND',
  '',
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/0.9', 'HTTP/2.0', 'HTTP/1', 'HTTP/1.1 ', 'http/1.1', 'HTTP/9.9', 'HTTP/1.1\u0000', ''];

export function makePayloads(random: () => number, target: Target) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const host = `127.0.0.1:${target.port}`;
  const apiPrefix = target.kind === 'browser' ? '/api/' : '/p/api/';
  const eventsPath = target.kind === 'browser' ? '/api/events' : '/p/events';
  const methodNames =
    target.kind === 'browser'
      ? ['library.get', 'meetings.create', 'sharing.start']
      : ['participant.join', 'participant.view', 'participant.tag'];

  const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  const badPath = () => {
    const base = pick([
      '/index.html',
      '/',
      '/assets/app.js',
      apiPrefix + pick(methodNames),
      eventsPath,
      '/api',
      '/p',
      '/.',
      '/..',
      '//etc/passwd',
    ]);
    const escapes = Array.from({ length: 1 + int(3) }, () => pick(BAD_ESCAPES)).join('');
    return pick([
      `${base}${escapes}`,
      `${base}${escapes}.js`,
      `${escapes}${base}`,
      `/index.html%00.js`,
      `${apiPrefix}${escapes}`,
      `/${'a'.repeat(int(9000))}`,
      `http://127.0.0.1:99999${base}`,
      `*`,
      `${base}?${escapes}#${escapes}`,
    ]);
  };
  const headerLines = (extra: string[] = []) => {
    const lines = [`Host: ${pick([host, host, 'evil.example', '', host.toUpperCase(), `${host}, ${host}`])}`];
    if (random() < 0.4) lines.push(`Authorization: Bearer ${pick([target.token, target.token, 'wrong', '', '%00'])}`);
    if (random() < 0.2) lines.push(`Origin: ${pick([`http://${host}`, 'null', 'http://evil.example', '%%%'])}`);
    if (random() < 0.2) lines.push(`x-empty-chair-session: ${pick(['', 'nope', '\u00ff'.repeat(40)])}`);
    return [...lines, ...extra];
  };
  const request = (method: string, target_: string, version: string, headers: string[], body = '') =>
    `${method} ${target_} ${version}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
  const apiCall = (body: string) =>
    request(
      'POST',
      apiPrefix + pick([...methodNames, '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '%00', 'x'.repeat(500)]),
      'HTTP/1.1',
      headerLines([`Content-Length: ${Buffer.byteLength(body)}`, 'Content-Type: application/json']),
      body,
    );

  const families: Record<string, () => { text: string | Buffer; requests: number }> = {
    randomBytes: () => ({ text: randomBytes(1 + int(2000)), requests: 1 }),
    brokenRequestLine: () => ({
      text: `${pick(METHODS)}${pick([' ', '  ', '\t', ''])}${pick(['/', badPath(), '', ' / /'])}${pick([' ', ''])}${pick(VERSIONS)}${pick(['\r\n', '\n', '\r', ''])}${headerLines().join('\r\n')}\r\n\r\n`,
      requests: 1,
    }),
    badPercentEncoding: () => ({
      text: request(pick(['GET', 'POST', 'HEAD']), badPath(), 'HTTP/1.1', headerLines(['Content-Length: 0'])),
      requests: 1,
    }),
    invalidMethod: () => ({
      text: request(
        pick(METHODS),
        pick(['/', '/index.html', apiPrefix + 'participant.join']),
        'HTTP/1.1',
        headerLines(['Content-Length: 0']),
      ),
      requests: 1,
    }),
    hugeHeaders: () => ({ text: request('GET', '/', 'HTTP/1.1', headerLines([`X-Big: ${'a'.repeat(8_000 + int(40_000))}`])), requests: 1 }),
    repeatedHeaders: () => {
      const name = pick(['Host', 'Content-Length', 'Authorization', 'X-Many', 'Transfer-Encoding', 'Cookie']);
      const lines = Array.from(
        { length: 50 + int(3000) },
        (_, i) => `${name}: ${pick([String(i), 'chunked', host, `Bearer ${target.token}`])}`,
      );
      return {
        text: request(pick(['GET', 'POST']), pick(['/', apiPrefix + pick(methodNames)]), 'HTTP/1.1', headerLines(lines)),
        requests: 1,
      };
    },
    http09: () => ({ text: `GET ${pick(['/', '/index.html', badPath()])}\r\n`, requests: 1 }),
    http10: () => ({
      text: request(
        pick(['GET', 'POST', 'HEAD']),
        pick(['/', '/index.html', badPath(), apiPrefix + pick(methodNames)]),
        'HTTP/1.0',
        random() < 0.5 ? [] : headerLines(['Connection: keep-alive']),
      ),
      requests: 1,
    }),
    pipelinedGarbage: () => {
      const count = 2 + int(6);
      const parts = Array.from({ length: count }, () =>
        pick([
          request('GET', '/', 'HTTP/1.1', headerLines()),
          request('GET', badPath(), 'HTTP/1.1', headerLines()),
          apiCall(pick(['{}', '{"name":"x","clientActionId":"y"}', '{', 'null', '[]', '"\u0000"'])),
          randomBytes(1 + int(200)).toString('latin1'),
        ]),
      );
      return { text: Buffer.from(parts.join(''), 'latin1'), requests: count };
    },
    badBodies: () => {
      const body = pick([
        '{',
        '}{',
        'null',
        '0',
        '[1,2',
        '{"__proto__":{"x":1}}',
        '"\\ud800"',
        JSON.stringify({ name: '\u202Eevil', clientActionId: 'a' }),
        randomBytes(int(500)).toString('latin1'),
        '{"a":'.repeat(5000),
      ]);
      const lengths = [
        String(Buffer.byteLength(body, 'latin1')),
        '-1',
        '99999999999999999999',
        'abc',
        '0',
        String(Buffer.byteLength(body, 'latin1') + 10),
      ];
      return {
        text: Buffer.from(
          request(
            'POST',
            apiPrefix + pick(methodNames),
            'HTTP/1.1',
            headerLines([`Content-Length: ${pick(lengths)}`, 'Content-Type: application/json']),
            body,
          ),
          'latin1',
        ),
        requests: 1,
      };
    },
    chunkedGarbage: () => ({
      text: request(
        'POST',
        apiPrefix + pick(methodNames),
        'HTTP/1.1',
        headerLines(['Transfer-Encoding: chunked']),
        pick(['zz\r\n{}\r\n0\r\n\r\n', '5\r\n{}\r\n', 'FFFFFFFFFFFFFFFF\r\n', '2\r\n{}\r\n0\r\nX: y\r\n\r\n', '-1\r\n']),
      ),
      requests: 1,
    }),
    upgradeGarbage: () => ({
      text: request(
        'GET',
        pick([eventsPath, `${eventsPath}?token=${target.token}`, `${eventsPath}%00`, badPath()]),
        pick(['HTTP/1.1', 'HTTP/1.0']),
        headerLines([
          'Connection: Upgrade',
          `Upgrade: ${pick(['websocket', 'h2c', 'nonsense', ''])}`,
          `Sec-WebSocket-Key: ${pick(['dGhlIHNhbXBsZSBub25jZQ==', '', '%%%'])}`,
          `Sec-WebSocket-Version: ${pick(['13', '8', 'x'])}`,
        ]),
        random() < 0.5 ? '' : randomBytes(int(300)).toString('latin1'),
      ),
      requests: 1,
    }),
  };
  const names = Object.keys(families);

  return function next(): Payload {
    const family = pick(names);
    const made = families[family]!();
    const bytes = typeof made.text === 'string' ? Buffer.from(made.text, random() < 0.9 ? 'latin1' : 'utf8') : made.text;
    const chunks: Buffer[] = [];
    let at = 0;
    while (at < bytes.length) {
      const size = random() < 0.7 ? bytes.length - at : 1 + int(Math.max(1, bytes.length - at));
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
    // Half-closed sockets: most connections end their side once written; some are cut at once.
    return { family, chunks, requests: made.requests, ending: random() < 0.8 ? 'end' : 'abandon' };
  };
}
