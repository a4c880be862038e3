import cliProgress from 'cli-progress';
import type { JobCounts } from '../ingest/jobs';

export interface JobProgressDisplay {
  /** `total` = jobs of this run; counts are the queue's, so done is measured from `baseline`. */
  update(counts: JobCounts, total: number): void;
  stop(): void;
}

/** A progress bar on a terminal, a line every few seconds otherwise, nothing with --no-progress. */
export function jobProgressDisplay(label: string, enabled: boolean, baseline: JobCounts): JobProgressDisplay {
  if (!enabled) return { update() {}, stop() {} };
  const doneOf = (c: JobCounts) => c.completed + c.dead - baseline.completed - baseline.dead;
  const detail = (c: JobCounts) => ({
    waiting: c.waiting,
    active: c.active,
    retrying: c.failed,
    dead: c.dead - baseline.dead,
  });
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} {bar} {value}/{total} | waiting {waiting} active {active} retrying {retrying} dead {dead}`,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(0, 0, { waiting: 0, active: 0, retrying: 0, dead: 0 });
    return {
      update(c, total) {
        bar.setTotal(total);
        bar.update(Math.min(doneOf(c), total), detail(c));
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(c, total) {
      if (Date.now() - last < 2000) return;
      last = Date.now();
      const d = detail(c);
      console.error(
        `${label}: ${doneOf(c)}/${total} done, waiting ${d.waiting}, active ${d.active}, retrying ${d.retrying}, dead ${d.dead}`,
      );
    },
    stop() {},
  };
}
