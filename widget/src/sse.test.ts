import { describe, expect, it } from 'vitest';
import { readSse, type SseEvent } from './sse';

/** A byte stream delivered in the given pieces (to split lines and UTF-8 characters anywhere). */
const streamOf = (pieces: Array<string | Uint8Array>) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? new TextEncoder().encode(p) : p);
      controller.close();
    },
  });

const collect = async (pieces: Array<string | Uint8Array>) => {
  const out: SseEvent[] = [];
  for await (const e of readSse(streamOf(pieces))) out.push(e);
  return out;
};

describe('readSse', () => {
  it('reads named events, multi-line data, ids and comments', async () => {
    expect(await collect([': keep-alive\n\nevent: meta\nid: 1\ndata: {"answerId":"a"}\n\ndata: 第一行\ndata: 第二行\n\n'])).toEqual([
      { event: 'meta', data: '{"answerId":"a"}', id: '1' },
      { event: 'message', data: '第一行\n第二行', id: '1' },
    ]);
  });

  it('handles CRLF and CR line ends split across chunks, and a final event without a blank line', async () => {
    expect(await collect(['event: delta\r', '\ndata: a\r\n', '\r', '\nevent: delta\rdata:b\r\r', 'data: tail'])).toEqual([
      { event: 'delta', data: 'a', id: undefined },
      { event: 'delta', data: 'b', id: undefined },
      { event: 'message', data: 'tail', id: undefined },
    ]);
  });

  it('joins a UTF-8 character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: 社保卡\n\n');
    expect(await collect([bytes.slice(0, 8), bytes.slice(8)])).toEqual([{ event: 'message', data: '社保卡', id: undefined }]);
  });
});
