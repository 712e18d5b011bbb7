// A minimal SMTP receiver for tests (node:net): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. No
// TLS, no auth. It keeps every message it accepted: envelope, headers and body text.
import net from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  /** The Subject header, unfolded. */
  subject: string | undefined;
}

export interface SmtpReceiver {
  port: number;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(port = 0, host = '127.0.0.1'): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let from = '';
    let to: string[] = [];
    let inData = false;
    let data = '';
    let buf = '';
    reply('220 test-smtp ready');
    socket.on('data', (chunk: string) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end === -1 && !buf.startsWith('.\r\n')) return;
          const body = buf.startsWith('.\r\n') ? '' : buf.slice(0, end);
          buf = buf.startsWith('.\r\n') ? buf.slice(3) : buf.slice(end + 5);
          data = (data + body).replace(/^\.\./gm, '.');
          const headers = data.split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ');
          messages.push({ from, to, data, subject: /^Subject: (.*)$/im.exec(headers)?.[1] });
          inData = false;
          data = '';
          reply('250 OK queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl === -1) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-test-smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') reply('250 test-smtp');
        else if (verb === 'MAIL') {
          from = /<(.*)>/.exec(line)?.[1] ?? '';
          to = [];
          reply('250 OK');
        } else if (verb === 'RCPT') {
          to.push(/<(.*)>/.exec(line)?.[1] ?? '');
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('502 Command not implemented');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    messages,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
