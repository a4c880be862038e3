import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real `zhiwen` processes for tests of what separate processes do to one library. One node process
 * each (`node --import tsx`, not the tsx launcher, which forks): a kill -9 kills the process itself.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(repoRoot, 'cli/main.ts');

/**
 * The site children store documents of unregistered sites under (ZHIWEN_DEFAULT_SITE): ingest stores
 * only registered sites, so a test that ingests ad-hoc feeds calls registerTestSite first.
 */
export const TEST_SITE = '9999000002';

export interface ZhiwenChild {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function spawnZhiwen(args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): ZhiwenChild {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ZHIWEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ZHIWEN_RATE_LIMIT_PER_MINUTE: '0', ZHIWEN_DEFAULT_SITE: TEST_SITE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Runs a CLI command to its end. */
export async function runZhiwen(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const z = spawnZhiwen(args, dataDir);
  const code = await z.exited;
  return { code, ...z.output() };
}

export interface ServeChild extends ZhiwenChild {
  url: string;
}

/** Starts `zhiwen serve --no-sample` on a free port and waits until it listens. */
export async function startServe(dataDir: string, timeoutMs = 60_000, env: NodeJS.ProcessEnv = {}): Promise<ServeChild> {
  const z = spawnZhiwen(['serve', '--no-sample'], dataDir, { PORT: '0', HOST: '127.0.0.1', ...env });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const port = /serving on http:\/\/[^:]+:(\d+)/.exec(z.output().stdout)?.[1];
    if (port) return { ...z, url: `http://127.0.0.1:${port}` };
    if (z.child.exitCode !== null || Date.now() > deadline) {
      z.child.kill('SIGKILL');
      throw new Error(`zhiwen serve did not start: ${z.output().stdout}\n${z.output().stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a child politely (SIGTERM) and waits for it. */
export async function stopChild(z: ZhiwenChild): Promise<void> {
  if (z.child.exitCode !== null || z.child.signalCode !== null) return;
  z.child.kill('SIGTERM');
  await z.exited;
}

/** kill -9, and wait until it is gone. */
export async function killChild(z: ZhiwenChild): Promise<void> {
  if (z.child.exitCode !== null || z.child.signalCode !== null) return;
  z.child.kill('SIGKILL');
  await z.exited;
}

/** Registers TEST_SITE in the library at `dataDir` with `zhiwen sites import` (before a service holds it). */
export async function registerTestSite(dataDir: string): Promise<void> {
  const list = `${dataDir}-sites.csv`;
  await writeFile(list, `code,name,level\n${TEST_SITE},测试站点（测试数据）,department\n`);
  const run = await runZhiwen(['sites', 'import', list], dataDir);
  if (run.code !== 0) throw new Error(`zhiwen sites import failed (${run.code}): ${run.stdout}${run.stderr}`);
}
