/**
 * A local fake of an OpenAI-compatible chat endpoint for tests (the network boundary): POST
 * /v1/chat/completions, whole or streamed as SSE chunks. `reply` decides what the "model" says.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  model: string;
  stream: boolean;
  messages: Array<{ role: string; content: string }>;
}

/** A reply: the answer text (streamed in pieces when asked), an HTTP error, or a hang. */
export type FakeReply = string | { status: number; message: string } | { hang: true };

export interface FakeOpenAi {
  baseUrl: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

/** Splits text into small pieces the way a model streams tokens (2–3 characters). */
const pieces = (text: string): string[] => text.match(/[\s\S]{1,3}/gu) ?? [];

export async function startFakeOpenAi(reply: (request: FakeRequest) => FakeReply): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = JSON.parse(await readBody(req)) as FakeRequest;
      const request = { model: body.model, stream: body.stream === true, messages: body.messages };
      requests.push(request);
      const answer = reply(request);
      if (typeof answer === 'object' && 'hang' in answer) {
        hanging.add(() => res.destroy());
        return;
      }
      if (typeof answer === 'object') {
        res.writeHead(answer.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: answer.message, type: 'server_error' } }));
        return;
      }
      const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model: body.model };
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          ...base, object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: Record<string, string>, finish: string | null) =>
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      for (const piece of pieces(answer)) res.write(chunk({ content: piece }, null));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
