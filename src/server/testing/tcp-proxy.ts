import net from 'node:net';

/**
 * A tiny TCP proxy for fault tests (DECISIONS 39): sits in front of the machine's PostgreSQL so a
 * test can cut the database off from one app without touching the server itself.
 *
 * - `pause('reset')`: destroys every open connection and answers new ones with a TCP reset
 *   (like a restarting server: clients fail at once).
 * - `pause('blackhole')`: destroys every open connection and accepts new ones without ever
 *   answering (like a lost network: clients wait for their own timeout).
 * - `pause('silent')`: open connections stay open but nothing flows either way (a network stall in the
 *   middle of a query: clients wait for their query timeout); new ones are held like a blackhole.
 * - `resume()`: forwards again; held blackholed sockets are dropped, stalled connections flow again.
 */
export interface TcpProxy {
  port: number;
  /** Connections forwarded since the proxy started. */
  readonly forwarded: number;
  pause(mode?: 'reset' | 'blackhole' | 'silent'): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number } = { host: '127.0.0.1', port: 5432 }): Promise<TcpProxy> {
  let mode: 'forward' | 'reset' | 'blackhole' = 'forward';
  let stalled: net.Socket[] = [];
  let forwarded = 0;
  const open = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
  };
  const dropAll = () => {
    for (const s of open) s.destroy();
    open.clear();
  };

  const server = net.createServer((client) => {
    track(client);
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') return; // held, never answered, dropped on resume/close
    forwarded++;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get forwarded() {
      return forwarded;
    },
    pause(m = 'reset') {
      if (m === 'silent') {
        // Stop reading both ends of every forwarded pair: data waits in the kernel buffers.
        stalled = [...open];
        for (const sock of stalled) sock.pause();
        mode = 'blackhole';
        return;
      }
      mode = m;
      dropAll();
    },
    resume() {
      mode = 'forward';
      const keep = new Set(stalled);
      for (const sock of open) if (!keep.has(sock)) sock.destroy();
      for (const sock of stalled) sock.resume();
      stalled = [];
    },
    close() {
      mode = 'reset';
      dropAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
