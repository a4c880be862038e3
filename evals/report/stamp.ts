/** What every report is stamped with: machine, commit, date, data files. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { DataFileStamp } from '../data/types';

export interface Stamp {
  date: string;
  commit: string;
  /** loadAverage: 1-minute load when the run started; above the CPU count, timings are contended. */
  machine: { os: string; cpus: number; cpuModel: string; memoryBytes: number; node: string; loadAverage: number };
  dataDir: string;
  dataFiles: DataFileStamp[];
}

/** HEAD's commit, "(no commits yet)" in a fresh repository, "(not a git checkout)" outside one. */
export function gitCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${head} (uncommitted changes)` : head;
  } catch {
    try {
      execFileSync('git', ['rev-parse', '--git-dir'], { cwd, stdio: 'ignore' });
      return '(no commits yet)';
    } catch {
      return '(not a git checkout)';
    }
  }
}

export function makeStamp(repoRoot: string, dataDir: string, dataFiles: DataFileStamp[]): Stamp {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    commit: gitCommit(repoRoot),
    machine: {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      node: process.version,
      loadAverage: os.loadavg()[0],
    },
    dataDir,
    dataFiles,
  };
}
