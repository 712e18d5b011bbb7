import { promises as dnsPromises, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, isIPv4, isIPv6, type LookupFunction } from 'node:net';

// The one outbound-HTTP helper (DECISIONS 14): calendar feeds and webhooks fetch user-supplied URLs
// through it. http(s) only; every address a host resolves to is vetted and the connection is pinned
// to the vetted address, so a DNS answer that changes between check and connect cannot reach a
// private or loopback host. Redirects are followed by hand and every hop is vetted again. URLs the
// operator sets in the environment (LLM, SMTP) are trusted and do not go through here.

export interface OutboundOptions {
  /** Total time for the whole exchange, redirects and DNS included. Default 10 s. */
  timeoutMs?: number;
  /** Largest response body accepted. Default 10 MB. */
  maxBytes?: number;
  /** The admin setting that lets private and loopback addresses through. */
  allowPrivate: boolean;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Redirects followed, each hop vetted again. Default 3. */
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case names; repeated headers (set-cookie) joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The final URL, after redirects. */
  url: string;
}

export type OutboundErrorReason =
  | 'invalid_url'
  | 'scheme'
  | 'private_address'
  | 'dns'
  | 'timeout'
  | 'too_large'
  | 'network'
  | 'too_many_redirects';

/** A refused or failed fetch. The message is safe to show the user who entered the URL. */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(
    readonly reason: OutboundErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;

const REFUSED = 'private and loopback addresses are refused';

/** Seams for tests: the DNS resolver and the address policy. Production code passes nothing. */
export interface OutboundDeps {
  lookup: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
  /** Whether an address is refused when private addresses are not allowed. */
  isRefusedAddress: (ip: string) => boolean;
}

const defaultDeps: OutboundDeps = {
  lookup: (hostname): Promise<LookupAddress[]> => dnsPromises.lookup(hostname, { all: true, verbatim: true }),
  isRefusedAddress: (ip) => isPrivateAddress(ip),
};

// ---------------------------------------------------------------------------------------------
// URLs

/** Calendar feed URLs: trims, and turns webcal:// (and webcals://) into https://. */
export function normalizeFeedUrl(url: string): string {
  const trimmed = url.trim();
  return /^webcals?:\/\//i.test(trimmed) ? `https://${trimmed.replace(/^webcals?:\/\//i, '')}` : trimmed;
}

function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Parses and checks the shape of a URL: http(s), a host, no credentials. No DNS. */
export function parseOutboundUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw new OutboundError('invalid_url', `"${shorten(String(input))}" is not a valid URL`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('scheme', `only http and https URLs are allowed (got ${shorten(url.protocol, 40)})`);
  }
  if (url.username !== '' || url.password !== '') {
    // The credentials are deliberately not echoed.
    throw new OutboundError('invalid_url', 'URLs with a user name or password in them (user:password@host) are refused');
  }
  if (url.hostname === '') throw new OutboundError('invalid_url', `"${shorten(url.href)}" has no host`);
  return url;
}

/** The hostname without the brackets URL keeps around IPv6 literals. */
function bareHostname(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

export interface VettedTarget {
  url: URL;
  /** Hostname as written (IPv6 without brackets); used for Host and SNI. */
  hostname: string;
  /** The first vetted address. */
  address: string;
  family: 4 | 6;
  /** Every vetted address, in resolver order; the connection may use only these. */
  addresses: Array<{ address: string; family: 4 | 6 }>;
}

/**
 * The per-hop validator: shape, scheme, then every address the host resolves to. Refuses if any
 * of them is private (unless allowPrivate). Returns the address to pin the connection to.
 */
export async function vetOutboundUrl(
  input: string | URL,
  opts: { allowPrivate: boolean },
  deps: Partial<OutboundDeps> = {},
): Promise<VettedTarget> {
  const { lookup, isRefusedAddress } = { ...defaultDeps, ...deps };
  const url = parseOutboundUrl(input);
  const hostname = bareHostname(url);

  const literal = isIP(hostname);
  if (literal !== 0) {
    if (!opts.allowPrivate && isRefusedAddress(hostname)) {
      throw new OutboundError('private_address', `${hostname} is a private or loopback address; ${REFUSED}`);
    }
    const family = literal === 6 ? 6 : 4;
    return { url, hostname, address: hostname, family, addresses: [{ address: hostname, family }] };
  }

  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await lookup(hostname);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why = code === 'ENOTFOUND' || code === 'ENODATA' ? 'no such host' : (code ?? 'lookup failed');
    throw new OutboundError('dns', `could not resolve ${hostname} (${why})`, { cause });
  }
  const usable = addresses.filter((a) => isIP(a.address) !== 0).map((a) => ({ address: a.address, family: isIPv6(a.address) ? (6 as const) : (4 as const) }));
  if (usable.length === 0) throw new OutboundError('dns', `could not resolve ${hostname} (no addresses)`);
  if (!opts.allowPrivate) {
    const bad = usable.find((a) => isRefusedAddress(a.address));
    if (bad) throw new OutboundError('private_address', `${hostname} resolves to a private address (${bad.address}); ${REFUSED}`);
  }
  const first = usable[0]!;
  return { url, hostname, address: first.address, family: first.family, addresses: usable };
}

// ---------------------------------------------------------------------------------------------
// Addresses

function parseIPv4(ip: string): number[] | null {
  if (!isIPv4(ip)) return null;
  return ip.split('.').map((p) => Number(p));
}

/** 16 bytes, or null. Accepts a zone id (fe80::1%eth0) and an embedded IPv4 tail (::ffff:1.2.3.4). */
function parseIPv6(input: string): number[] | null {
  let ip = input.replace(/%.*$/, '');
  if (!isIPv6(ip)) return null;
  const lastColon = ip.lastIndexOf(':');
  const last = ip.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return null;
    ip = `${ip.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const parts = ip.split('::');
  if (parts.length > 2) return null;
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const head = groups(parts[0]);
  const tail = groups(parts[1]);
  let all: number[];
  if (parts.length === 1) {
    all = head;
  } else {
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return null;
    all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  }
  if (all.length !== 8 || all.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function cidr(text: string): { bytes: number[]; bits: number } {
  const [addr, bits] = text.split('/') as [string, string];
  const bytes = addr.includes(':') ? parseIPv6(addr) : parseIPv4(addr);
  if (!bytes) throw new Error(`bad range ${text}`);
  return { bytes, bits: Number(bits) };
}

function inRange(bytes: number[], range: { bytes: number[]; bits: number }): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

const privateV4 = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8',
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local, cloud metadata
  '172.16.0.0/12',
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // TEST-NET-1
  '192.88.99.0/24', // 6to4 relay anycast
  '192.168.0.0/16',
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // TEST-NET-2
  '203.0.113.0/24', // TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and 255.255.255.255 broadcast
].map(cidr);

// Only 2000::/3 is global unicast; everything outside it is refused. These are the exceptions inside it.
const globalUnicastV6 = cidr('2000::/3');
const privateInsideGlobalV6 = [
  '2001::/32', // Teredo
  '2001:2::/48', // benchmarking
  '2001:10::/28', // ORCHID
  '2001:20::/28', // ORCHIDv2
  '2001:db8::/32', // documentation
  '3fff::/20', // documentation
].map(cidr);
// Ranges that carry an IPv4 address: vetted by that address.
const embeddedV4 = [
  { range: cidr('::ffff:0:0/96'), offset: 12 }, // IPv4-mapped
  { range: cidr('64:ff9b::/96'), offset: 12 }, // NAT64
  { range: cidr('2002::/16'), offset: 2 }, // 6to4
];

function isPrivateV4(bytes: number[]): boolean {
  return privateV4.some((r) => inRange(bytes, r));
}

/**
 * True for every address an outbound fetch must not reach unless the admin allows private
 * addresses: loopback, private, link-local, CGNAT, "this network", multicast, broadcast, reserved
 * and documentation ranges, IPv6 unique-local/link-local/site-local/multicast, :: and ::1, and
 * IPv4-mapped, NAT64 and 6to4 addresses whose IPv4 part is private. Anything that is not an IP
 * address at all is treated as private (fail closed). Accepts "[v6]" and zone ids.
 */
export function isPrivateAddress(ip: string): boolean {
  const text = ip.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIPv4(text);
  if (v4) return isPrivateV4(v4);
  const v6 = parseIPv6(text);
  if (!v6) return true;
  for (const { range, offset } of embeddedV4) {
    if (inRange(v6, range)) return isPrivateV4(v6.slice(offset, offset + 4));
  }
  if (!inRange(v6, globalUnicastV6)) return true;
  return privateInsideGlobalV6.some((r) => inRange(v6, r));
}

// ---------------------------------------------------------------------------------------------
// Fetching

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${+(ms / 1000).toFixed(2)} s`;
}

function networkError(host: string, cause: unknown): OutboundError {
  if (cause instanceof OutboundError) return cause;
  const err = cause as NodeJS.ErrnoException | undefined;
  const code = err?.code;
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ECONNRESET'
        ? 'connection reset'
        : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
          ? 'host unreachable'
          : (code ?? err?.message ?? 'network error');
  return new OutboundError('network', `could not fetch from ${host}: ${why}`, { cause });
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Resolves with `value`, or rejects with `onAbort()` as soon as the signal fires. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

interface HopResult {
  status: number;
  headers: Record<string, string>;
  /** Null when the response is a redirect being followed (body discarded). */
  body: Buffer | null;
}

interface HopRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | undefined;
  maxBytes: number;
  signal: AbortSignal;
  timeoutError: () => OutboundError;
  isFollowedRedirect: (status: number, headers: http.IncomingHttpHeaders) => boolean;
}

/** One request, connected to the vetted address only. */
function requestHop(target: VettedTarget, req: HopRequest): Promise<HopResult> {
  const { url, hostname, address, family, addresses } = target;
  const host = url.host;
  // Pinned: whatever name the socket asks for, it gets the addresses that were vetted, never a
  // fresh DNS answer. With all (Node's happy eyeballs) it may try each vetted address in turn.
  const pinnedLookup: LookupFunction = (_name, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, address, family);
  };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  headers['user-agent'] ??= 'Rubric';
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));

  return new Promise<HopResult>((resolve, reject) => {
    if (req.signal.aborted) {
      reject(req.timeoutError());
      return;
    }
    let settled = false;
    let response: http.IncomingMessage | undefined;
    let clientRequest: http.ClientRequest | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      req.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (err: OutboundError) =>
      finish(() => {
        response?.destroy();
        clientRequest?.destroy();
        reject(err);
      });
    const onAbort = () => fail(req.timeoutError());
    req.signal.addEventListener('abort', onAbort, { once: true });

    const requestOptions: https.RequestOptions = {
      protocol: url.protocol,
      hostname, // Host header and TLS name stay the original host
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers,
      lookup: pinnedLookup,
      agent: false, // no pooled socket from an earlier, differently vetted request
      ...(url.protocol === 'https:' && isIP(hostname) === 0 ? { servername: hostname } : {}),
    };
    try {
      clientRequest = (url.protocol === 'https:' ? https : http).request(requestOptions);
    } catch (cause) {
      fail(networkError(host, cause));
      return;
    }
    clientRequest.on('error', (cause) => fail(networkError(host, cause)));
    clientRequest.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      const resHeaders = flattenHeaders(res.headers);
      res.on('error', (cause) => fail(networkError(host, cause)));
      if (req.isFollowedRedirect(status, res.headers)) {
        finish(() => {
          res.destroy();
          resolve({ status, headers: resHeaders, body: null });
        });
        return;
      }
      const tooLarge = () =>
        new OutboundError('too_large', `the response from ${host} is larger than the ${formatBytes(req.maxBytes)} limit`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        fail(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > req.maxBytes) {
          fail(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      res.on('aborted', () => fail(new OutboundError('network', `the connection to ${host} closed before the response was complete`)));
      res.on('end', () => {
        if (!res.complete) {
          fail(new OutboundError('network', `the connection to ${host} closed before the response was complete`));
          return;
        }
        finish(() => resolve({ status, headers: resHeaders, body: Buffer.concat(chunks, total) }));
      });
    });
    clientRequest.end(req.body);
  });
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Fetches a user-supplied URL. Throws OutboundError (reason + user-safe message) for refused
 * URLs, DNS failures, timeouts, oversized bodies, network errors and redirect loops; HTTP error
 * statuses are returned, not thrown.
 *
 * `deps` is a seam for tests (fake DNS, address policy); production callers leave it out.
 */
export async function fetchOutbound(url: string, opts: OutboundOptions, deps: Partial<OutboundDeps> = {}): Promise<OutboundResponse> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let currentHost = '';
  const timeoutError = () =>
    new OutboundError('timeout', `no complete response from ${currentHost || 'the server'} within ${formatSeconds(timeoutMs)}`);

  try {
    let current: string | URL = url;
    let method: 'GET' | 'POST' = opts.method ?? 'GET';
    let body = opts.body;
    let headers: Record<string, string> = { ...opts.headers };
    let origin: string | null = null;

    for (let redirects = 0; ; redirects++) {
      const target = await raceAbort(vetOutboundUrl(current, { allowPrivate: opts.allowPrivate }, deps), controller.signal, timeoutError);
      currentHost = target.url.host;
      if (origin !== null && target.url.origin !== origin) {
        // Credentials meant for one site are not handed to the site it redirects to.
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.includes(k.toLowerCase())));
      }
      origin = target.url.origin;

      const hop = await requestHop(target, {
        method,
        headers,
        body: method === 'POST' ? body : undefined,
        maxBytes,
        signal: controller.signal,
        timeoutError,
        isFollowedRedirect: (status, h) => REDIRECT_STATUSES.has(status) && typeof h.location === 'string' && h.location !== '',
      });

      if (hop.body !== null) {
        return { status: hop.status, headers: hop.headers, body: hop.body, url: target.url.href };
      }
      if (redirects >= maxRedirects) {
        throw new OutboundError('too_many_redirects', `${target.url.host} redirected more than ${maxRedirects} times; giving up`);
      }
      let next: URL;
      try {
        next = new URL(hop.headers.location!, target.url);
      } catch (cause) {
        throw new OutboundError('invalid_url', `${target.url.host} redirected to an invalid URL`, { cause });
      }
      // 303, and 301/302 after a POST, continue as a GET without the body (as browsers do).
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
      }
      current = next;
    }
  } finally {
    clearTimeout(timer);
  }
}
