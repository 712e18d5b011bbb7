import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the OpenAI chat-completions protocol for tests (never the network):
 * `reply` gets the last user message and decides the answer, its HTTP status and a delay.
 */
export async function fakeLlm(reply: (lastUserMessage: string) => { status?: number; content?: string; delayMs?: number }) {
  const seen: { model: string; auth: string | undefined; messages: { role: string; content: string }[] }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; messages: { role: string; content: string }[] };
      seen.push({ model: parsed.model, auth: req.headers.authorization, messages: parsed.messages });
      const r = reply(parsed.messages.at(-1)!.content);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.status && r.status >= 400 ? { error: { message: 'model overloaded' } } : { choices: [{ message: { role: 'assistant', content: r.content } }] }));
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
