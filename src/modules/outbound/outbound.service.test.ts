import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  fetchOutbound,
  isPrivateAddress,
  normalizeFeedUrl,
  OutboundError,
  parseOutboundUrl,
  vetOutboundUrl,
  type OutboundDeps,
  type OutboundErrorReason,
} from './outbound.service.ts';

// No network beyond loopback here: a local server on 127.0.0.1 stands in for the outside world.

interface Seen {
  method: string;
  url: string;
  host: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let port: number;
let seen: Seen[] = [];

function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const p = url.pathname;
  if (p === '/hello') {
    res.setHeader('X-Custom', 'yes');
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.setHeader('Content-Type', 'text/plain');
    res.end('hello world');
  } else if (p === '/echo') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ method: req.method, body, headers: req.headers }));
  } else if (p === '/status/404') {
    res.statusCode = 404;
    res.end('nope');
  } else if (p.startsWith('/redirect/')) {
    // /redirect/<status>?to=<location>
    res.statusCode = Number(p.split('/')[2]);
    res.setHeader('Location', url.searchParams.get('to') ?? '/hello');
    res.end('moved');
  } else if (p === '/loop') {
    res.statusCode = 302;
    res.setHeader('Location', '/loop');
    res.end();
  } else if (p === '/big') {
    res.setHeader('Content-Length', '2000');
    res.end(Buffer.alloc(2000, 'x'));
  } else if (p === '/big-chunked') {
    // No Content-Length: the limit has to be enforced while streaming.
    let n = 0;
    const tick = () => {
      if (n++ >= 20) return res.end();
      res.write(Buffer.alloc(100, 'y'));
      setImmediate(tick);
    };
    tick();
  } else if (p === '/hang') {
    // Never answers.
  } else if (p === '/truncated') {
    res.writeHead(200, { 'Content-Length': '100' });
    res.write('partial', () => res.socket?.destroy());
  } else if (p === '/stall') {
    res.writeHead(200, { 'Content-Length': '100' });
    res.write('partial');
    // ...and never finishes.
  } else {
    res.statusCode = 500;
    res.end('unknown path');
  }
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host, headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

async function reasonOf(p: Promise<unknown>): Promise<{ reason: OutboundErrorReason; message: string }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    const e = err as OutboundError;
    return { reason: e.reason, message: e.message };
  }
  throw new Error('expected an OutboundError, but the call succeeded');
}

/** Treats 127.0.0.1 as if it were a public address, so the real private check can be exercised on later hops. */
const loopbackCountsAsPublic: Partial<OutboundDeps> = {
  isRefusedAddress: (ip) => ip !== '127.0.0.1' && isPrivateAddress(ip),
};

describe('isPrivateAddress', () => {
  const cases: Array<[string, boolean]> = [
    // public
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['93.184.216.34', false],
    ['172.15.255.255', false],
    ['172.32.0.1', false],
    ['100.63.255.255', false],
    ['100.128.0.0', false],
    ['2606:4700::1111', false],
    ['2001:4860:4860::8888', false],
    ['2a00:1450:4001:82a::200e', false],
    ['::ffff:8.8.8.8', false],
    ['::ffff:808:808', false],
    ['64:ff9b::808:808', false],
    ['2002:808:808::1', false],
    ['[2606:4700::1111]', false],
    // IPv4 private, loopback, link-local, special
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['10.0.0.5', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.0.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['0.0.0.0', true],
    ['0.1.2.3', true],
    ['224.0.0.1', true],
    ['239.255.255.250', true],
    ['255.255.255.255', true],
    ['240.0.0.1', true],
    ['192.0.2.1', true],
    ['198.51.100.7', true],
    ['203.0.113.9', true],
    ['198.18.0.1', true],
    ['192.0.0.8', true],
    // IPv6
    ['::1', true],
    ['[::1]', true],
    ['::', true],
    ['0:0:0:0:0:0:0:1', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['febf::1', true],
    ['fec0::1', true],
    ['fc00::1', true],
    ['fd12:3456:789a::1', true],
    ['ff02::1', true],
    ['2001:db8::1', true],
    ['2001::1', true],
    ['3fff::1', true],
    ['100::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:169.254.169.254', true],
    ['0:0:0:0:0:ffff:c0a8:1', true],
    ['::127.0.0.1', true],
    ['64:ff9b::a00:1', true],
    ['2002:a00:1::1', true],
    ['2002:7f00:1::', true],
    // not an address: fail closed
    ['', true],
    ['localhost', true],
    ['999.1.1.1', true],
    ['1.2.3', true],
  ];
  it.each(cases)('%s → %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe('normalizeFeedUrl', () => {
  it('turns webcal into https and trims', () => {
    expect(normalizeFeedUrl('  webcal://cal.example.com/feed.ics \n')).toBe('https://cal.example.com/feed.ics');
    expect(normalizeFeedUrl('WEBCAL://cal.example.com/a')).toBe('https://cal.example.com/a');
    expect(normalizeFeedUrl('webcals://cal.example.com/a')).toBe('https://cal.example.com/a');
    expect(normalizeFeedUrl('https://cal.example.com/a')).toBe('https://cal.example.com/a');
    expect(normalizeFeedUrl('http://cal.example.com/a')).toBe('http://cal.example.com/a');
  });
});

describe('URL shape', () => {
  it.each([
    ['ftp://example.com/file', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['webcal://example.com/feed.ics', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['gopher://127.0.0.1:6379/_', 'scheme'],
    ['http://user:pw@example.com/', 'invalid_url'],
    ['http://user@example.com/', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['', 'invalid_url'],
    ['http://', 'invalid_url'],
  ] as const)('%s → %s', async (url, reason) => {
    expect(() => parseOutboundUrl(url)).toThrow(OutboundError);
    expect((await reasonOf(fetchOutbound(url, { allowPrivate: true }))).reason).toBe(reason);
  });

  it('does not echo credentials in the message', async () => {
    const { message } = await reasonOf(fetchOutbound('http://user:s3cret@example.com/', { allowPrivate: false }));
    expect(message).not.toContain('s3cret');
    expect(message).toMatch(/user name or password/);
  });

  it('names the scheme it refused', async () => {
    const { message } = await reasonOf(fetchOutbound('ftp://example.com/', { allowPrivate: false }));
    expect(message).toBe('only http and https URLs are allowed (got ftp:)');
  });
});

describe('refusing private addresses (allowPrivate: false)', () => {
  it.each([
    `http://127.0.0.1:PORT/hello`,
    `http://localhost:PORT/hello`,
    `http://[::1]:PORT/hello`,
    'http://10.1.2.3/',
    'http://169.254.169.254/latest/meta-data/',
    'http://192.168.0.1/',
    'http://[::ffff:127.0.0.1]:PORT/hello',
    'http://[fd00::1]/',
    'http://0.0.0.0:PORT/hello',
    'http://2130706433:PORT/hello', // 127.0.0.1 as one number
    'http://0x7f.1:PORT/hello', // 127.0.0.1, hex and short form
    'https://100.64.0.1/',
  ])('%s', async (template) => {
    const url = template.replace('PORT', String(port));
    const err = await reasonOf(fetchOutbound(url, { allowPrivate: false }));
    expect(err.reason).toBe('private_address');
    expect(err.message).toMatch(/private and loopback addresses are refused$/);
    expect(seen).toHaveLength(0);
  });

  it('names the host and the address it resolved to', async () => {
    const lookup = async () => [{ address: '10.0.0.5', family: 4 }];
    const err = await reasonOf(fetchOutbound('https://calendar.example.com/feed.ics', { allowPrivate: false }, { lookup }));
    expect(err).toEqual({
      reason: 'private_address',
      message: 'calendar.example.com resolves to a private address (10.0.0.5); private and loopback addresses are refused',
    });
  });

  it('refuses when any one of the resolved addresses is private', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700::1111', family: 6 },
      { address: 'fd00::7', family: 6 },
    ];
    const err = await reasonOf(vetOutboundUrl('https://mixed.example.com/', { allowPrivate: false }, { lookup }));
    expect(err.reason).toBe('private_address');
    expect(err.message).toContain('(fd00::7)');
  });

  it('passes a host whose addresses are all public, pinned to the first', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700::1111', family: 6 },
    ];
    const target = await vetOutboundUrl('https://public.example.com/x', { allowPrivate: false }, { lookup });
    expect(target).toMatchObject({
      hostname: 'public.example.com',
      address: '93.184.216.34',
      family: 4,
      addresses: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    });
  });

  it('reports a name that does not resolve as dns', async () => {
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
    };
    const err = await reasonOf(fetchOutbound('https://nowhere.example/', { allowPrivate: false }, { lookup }));
    expect(err).toEqual({ reason: 'dns', message: 'could not resolve nowhere.example (no such host)' });
    const empty = await reasonOf(vetOutboundUrl('https://empty.example/', { allowPrivate: false }, { lookup: async () => [] }));
    expect(empty.reason).toBe('dns');
  });
});

describe('fetching (allowPrivate: true against a local server)', () => {
  it('returns status, headers, body and final URL', async () => {
    const res = await fetchOutbound(`${base}/hello`, { allowPrivate: true });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello world');
    expect(res.headers['x-custom']).toBe('yes');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(res.url).toBe(`${base}/hello`);
    expect(seen[0]!.headers['user-agent']).toBe('Rubric');
  });

  it('returns HTTP error statuses rather than throwing', async () => {
    const res = await fetchOutbound(`${base}/status/404`, { allowPrivate: true });
    expect(res.status).toBe(404);
    expect(res.body.toString()).toBe('nope');
  });

  it('sends a POST body and headers', async () => {
    const res = await fetchOutbound(`${base}/echo`, {
      allowPrivate: true,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Signature': 'abc' },
      body: JSON.stringify({ event: 'ping', name: 'Zoë' }),
    });
    const echoed = JSON.parse(res.body.toString()) as { method: string; body: string; headers: Record<string, string> };
    expect(echoed.method).toBe('POST');
    expect(JSON.parse(echoed.body)).toEqual({ event: 'ping', name: 'Zoë' });
    expect(echoed.headers['x-signature']).toBe('abc');
    expect(echoed.headers['content-type']).toBe('application/json');
    expect(echoed.headers['content-length']).toBe(String(Buffer.byteLength(echoed.body)));
  });

  it('follows redirects, relative and absolute, and reports the final URL', async () => {
    const to = encodeURIComponent(`${base}/redirect/301?to=${encodeURIComponent('/hello')}`);
    const res = await fetchOutbound(`${base}/redirect/302?to=${to}`, { allowPrivate: true });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello world');
    expect(res.url).toBe(`${base}/hello`);
    expect(seen.map((s) => s.url.split('?')[0])).toEqual(['/redirect/302', '/redirect/301', '/hello']);
  });

  it('turns a POST into a GET on 303 and keeps it on 307', async () => {
    const post = { allowPrivate: true, method: 'POST', body: 'payload', headers: { 'Content-Type': 'text/plain' } } as const;
    const after303 = await fetchOutbound(`${base}/redirect/303?to=/echo`, post);
    expect(JSON.parse(after303.body.toString())).toMatchObject({ method: 'GET', body: '' });
    const after307 = await fetchOutbound(`${base}/redirect/307?to=/echo`, post);
    expect(JSON.parse(after307.body.toString())).toMatchObject({ method: 'POST', body: 'payload' });
  });

  it('drops credential headers when a redirect leaves the origin', async () => {
    // localhost and 127.0.0.1 are different origins on the same server.
    const to = encodeURIComponent(`http://localhost:${port}/echo`);
    const res = await fetchOutbound(`${base}/redirect/302?to=${to}`, {
      allowPrivate: true,
      headers: { Authorization: 'Bearer secret', 'X-Other': 'kept' },
    });
    const echoed = JSON.parse(res.body.toString()) as { headers: Record<string, string> };
    expect(seen[0]!.headers.authorization).toBe('Bearer secret');
    expect(echoed.headers.authorization).toBeUndefined();
    expect(echoed.headers['x-other']).toBe('kept');
  });

  it('gives up after maxRedirects', async () => {
    const err = await reasonOf(fetchOutbound(`${base}/loop`, { allowPrivate: true, maxRedirects: 2 }));
    expect(err.reason).toBe('too_many_redirects');
    expect(err.message).toMatch(/more than 2 times/);
    expect(seen).toHaveLength(3);
    const defaults = await reasonOf(fetchOutbound(`${base}/loop`, { allowPrivate: true }));
    expect(defaults.reason).toBe('too_many_redirects');
    expect(seen).toHaveLength(3 + 4);
  });

  it('refuses a declared Content-Length over maxBytes', async () => {
    const err = await reasonOf(fetchOutbound(`${base}/big`, { allowPrivate: true, maxBytes: 1000 }));
    expect(err).toEqual({ reason: 'too_large', message: `the response from 127.0.0.1:${port} is larger than the 1000 bytes limit` });
    const ok = await fetchOutbound(`${base}/big`, { allowPrivate: true, maxBytes: 2000 });
    expect(ok.body).toHaveLength(2000);
  });

  it('aborts a streamed body once it passes maxBytes', async () => {
    const err = await reasonOf(fetchOutbound(`${base}/big-chunked`, { allowPrivate: true, maxBytes: 1000 }));
    expect(err.reason).toBe('too_large');
    const ok = await fetchOutbound(`${base}/big-chunked`, { allowPrivate: true, maxBytes: 2000 });
    expect(ok.body).toHaveLength(2000);
  });

  it('times out when the server never answers', async () => {
    const started = Date.now();
    const err = await reasonOf(fetchOutbound(`${base}/hang`, { allowPrivate: true, timeoutMs: 300 }));
    expect(err).toEqual({ reason: 'timeout', message: `no complete response from 127.0.0.1:${port} within 0.3 s` });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out when the body stalls halfway', async () => {
    const err = await reasonOf(fetchOutbound(`${base}/stall`, { allowPrivate: true, timeoutMs: 300 }));
    expect(err.reason).toBe('timeout');
  });

  it('times out a DNS lookup that never returns', async () => {
    const lookup = () => new Promise<never>(() => {});
    const err = await reasonOf(fetchOutbound('https://slow-dns.example/', { allowPrivate: true, timeoutMs: 200 }, { lookup }));
    expect(err.reason).toBe('timeout');
  });

  it('reports a body cut short as network', async () => {
    const err = await reasonOf(fetchOutbound(`${base}/truncated`, { allowPrivate: true }));
    expect(err.reason).toBe('network');
  });

  it('tries every vetted address: an unreachable first address falls through to the next', async () => {
    const lookup = async () => [
      { address: '::1', family: 6 }, // nothing listens on [::1] for this port
      { address: '127.0.0.1', family: 4 },
    ];
    const res = await fetchOutbound(`http://dual.test:${port}/hello`, { allowPrivate: true }, { lookup });
    expect(res.status).toBe(200);
    expect(seen[0]!.host).toBe(`dual.test:${port}`);
  });

  it('reports a refused connection as network', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await reasonOf(fetchOutbound(`http://127.0.0.1:${deadPort}/`, { allowPrivate: true }));
    expect(err).toEqual({ reason: 'network', message: `could not fetch from 127.0.0.1:${deadPort}: connection refused` });
  });
});

describe('pinning and per-hop re-checks', () => {
  it('connects to the vetted address, keeping the original Host (no second DNS lookup to rebind)', async () => {
    // The first answer is the "public" one that gets vetted; any later answer would be private.
    let calls = 0;
    const lookup = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.5', family: 4 }]);
    // rebind.test does not exist in real DNS: reaching the server proves the socket used the pinned address.
    const res = await fetchOutbound(`http://rebind.test:${port}/hello`, { allowPrivate: false }, { ...loopbackCountsAsPublic, lookup });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`http://rebind.test:${port}/hello`);
    expect(calls).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.host).toBe(`rebind.test:${port}`);
  });

  it('re-checks each redirect hop: a redirect to a private address is refused', async () => {
    for (const to of ['http://10.1.2.3/admin', 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/hello`]) {
      seen = [];
      const err = await reasonOf(
        fetchOutbound(`${base}/redirect/302?to=${encodeURIComponent(to)}`, { allowPrivate: false }, loopbackCountsAsPublic),
      );
      expect(err.reason).toBe('private_address');
      expect(seen).toHaveLength(1); // the first hop only
    }
  });

  it('re-checks each redirect hop: a redirect to a name resolving privately is refused', async () => {
    const lookup = async (host: string) =>
      host === 'internal.example' ? [{ address: '192.168.1.10', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const to = encodeURIComponent(`http://internal.example:${port}/hello`);
    const err = await reasonOf(
      fetchOutbound(`http://public.example:${port}/redirect/301?to=${to}`, { allowPrivate: false }, { ...loopbackCountsAsPublic, lookup }),
    );
    expect(err).toEqual({
      reason: 'private_address',
      message: 'internal.example resolves to a private address (192.168.1.10); private and loopback addresses are refused',
    });
    expect(seen).toHaveLength(1);
  });

  it('re-checks each redirect hop: scheme and credentials', async () => {
    const toFtp = await reasonOf(
      fetchOutbound(`${base}/redirect/302?to=${encodeURIComponent('ftp://example.com/x')}`, { allowPrivate: true }),
    );
    expect(toFtp.reason).toBe('scheme');
    const toFile = await reasonOf(fetchOutbound(`${base}/redirect/302?to=${encodeURIComponent('file:///etc/passwd')}`, { allowPrivate: true }));
    expect(toFile.reason).toBe('scheme');
    const toCreds = await reasonOf(
      fetchOutbound(`${base}/redirect/302?to=${encodeURIComponent(`http://u:p@127.0.0.1:${port}/hello`)}`, { allowPrivate: true }),
    );
    expect(toCreds.reason).toBe('invalid_url');
  });

  it('lets private addresses through when the admin allows them', async () => {
    const res = await fetchOutbound(`http://localhost:${port}/hello`, { allowPrivate: true });
    expect(res.status).toBe(200);
    const target = await vetOutboundUrl('http://10.1.2.3/', { allowPrivate: true });
    expect(target).toMatchObject({ address: '10.1.2.3', family: 4 });
    const v6 = await vetOutboundUrl('http://[::1]:8080/', { allowPrivate: true });
    expect(v6).toMatchObject({ hostname: '::1', address: '::1', family: 6 });
  });
});
