/** How a follower stands: its consecutive failures and the last one's message (null while healthy). */
export interface FollowLoopStatus {
  failures: number;
  lastError: string | null;
}

/**
 * Runs `step` every `intervalMs` after the previous run ends; while it fails (the database is down or
 * restarting) waits twice as long each time, up to `maxDelayMs`, and says so once per failure, then
 * once when it recovers. Never throws: a follower outlives the outage it waits out.
 */
export class FollowLoop {
  private failures = 0;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly label: string,
    private readonly step: () => Promise<unknown>,
    private readonly intervalMs: number,
    /** Longest wait between attempts while failing, ms. Default 30 000. */
    private readonly maxDelayMs = 30_000,
  ) {}

  get status(): FollowLoopStatus {
    return { failures: this.failures, lastError: this.lastError };
  }

  /** Starts following; returns a function that stops. */
  start(): () => void {
    this.stopped = false;
    this.schedule();
    return () => {
      this.stopped = true;
      if (this.timer) clearTimeout(this.timer);
    };
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.failures === 0 ? this.intervalMs : Math.min(this.maxDelayMs, this.intervalMs * 2 ** this.failures);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.step();
      if (this.failures > 0) console.error(`${this.label}: recovered after ${this.failures} failed attempts`);
      this.failures = 0;
      this.lastError = null;
    } catch (err) {
      this.failures++;
      this.lastError = (err as Error).message;
      const next = Math.min(this.maxDelayMs, this.intervalMs * 2 ** this.failures);
      console.error(`${this.label} failed (${this.failures} in a row; next try in ${Math.round(next / 1000)} s): ${this.lastError}`);
    }
    this.schedule();
  }
}
