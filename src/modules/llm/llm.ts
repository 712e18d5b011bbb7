/**
 * The language-model port and its one implementation: an OpenAI-compatible chat-completions client
 * (hosted APIs, llama.cpp's server, Ollama's /v1, vLLM …) configured by LLM_BASE_URL, LLM_MODEL and
 * LLM_API_KEY. The endpoint is chosen by the operator, so loopback and private addresses are allowed
 * (a local model is the usual self-hosted setup); the SSRF guard of outbound.ts is for targets users
 * type in. Bounded in time (LLM_TIMEOUT_MS) and in response size.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmProvider {
  /** The assistant's reply text; throws LlmError on any failure. */
  complete(messages: ChatMessage[], opts?: { signal?: AbortSignal }): Promise<string>;
}

export class LlmError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'http' | 'protocol' | 'network',
  ) {
    super(message);
  }
}

const MAX_RESPONSE_BYTES = 1_000_000;

async function readLimited(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new LlmError(`The model's response is larger than ${MAX_RESPONSE_BYTES / 1_000_000} MB`, 'protocol');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function openAiCompatible(cfg: { baseUrl: string; model: string; apiKey?: string | undefined; timeoutMs: number }): LlmProvider {
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async complete(messages) {
      const signal = AbortSignal.timeout(cfg.timeoutMs);
      let text: string;
      let status: number;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
          body: JSON.stringify({ model: cfg.model, messages, temperature: 0.2, stream: false }),
          signal,
          redirect: 'error',
        });
        status = res.status;
        text = await readLimited(res);
      } catch (e) {
        if (e instanceof LlmError) throw e;
        if (signal.aborted) throw new LlmError(`The language model did not answer within ${Math.round(cfg.timeoutMs / 100) / 10} s`, 'timeout');
        throw new LlmError(`Could not reach the language model at ${new URL(url).host}: ${(e as Error).message}`, 'network');
      }
      if (status < 200 || status >= 300) {
        let detail = '';
        try {
          const err = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
          if (typeof err === 'string') detail = `: ${err.slice(0, 200)}`;
        } catch {
          /* not JSON */
        }
        throw new LlmError(`The language model answered HTTP ${status}${detail}`, 'http');
      }
      let content: unknown;
      try {
        content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
      } catch {
        throw new LlmError('The language model answered something other than JSON', 'protocol');
      }
      if (typeof content !== 'string' || content.trim() === '') throw new LlmError('The language model answered without any text', 'protocol');
      return content;
    },
  };
}

/** Removes a ``` fence the model may wrap its Markdown in. */
export function unfence(text: string): string {
  const m = /^\s*```[a-z]*\s*\n([\s\S]*?)\n```\s*$/i.exec(text);
  return `${(m ? m[1]! : text).trim()}\n`;
}
