/** Resident memory of a process (this one or a child), sampled at an interval. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const KIB = 1024;

/** RSS of `pid` in bytes: /proc on Linux, `ps` elsewhere; null if the process is gone. */
export async function readRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/mu.exec(status);
    if (m) return Number(m[1]) * KIB;
  } catch {
    // not Linux, or the process ended: try ps
  }
  try {
    const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
    const kib = Number(stdout.trim());
    return Number.isFinite(kib) && kib > 0 ? kib * KIB : null;
  } catch {
    return null;
  }
}

export interface RssSummary {
  samples: number;
  peakBytes: number;
  meanBytes: number;
  lastBytes: number;
}

/** Starts sampling; stop() ends it and returns the summary. */
export function sampleRss(pid: number, intervalMs = 250): { stop(): Promise<RssSummary> } {
  const values: number[] = [];
  let pending: Promise<void> = Promise.resolve();
  const tick = (): void => {
    pending = readRss(pid).then((v) => {
      if (v !== null) values.push(v);
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      const sum = values.reduce((a, b) => a + b, 0);
      return {
        samples: values.length,
        peakBytes: values.length ? Math.max(...values) : 0,
        meanBytes: values.length ? sum / values.length : 0,
        lastBytes: values.length ? values[values.length - 1] : 0,
      };
    },
  };
}
