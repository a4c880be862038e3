/**
 * Spaces requests to each host at least `intervalMs` apart (requests per second, or robots.txt
 * Crawl-delay when that is slower). The clock and sleep are injectable for tests.
 */
export class HostRateLimiter {
  private readonly nextAt = new Map<string, number>();
  private readonly intervals = new Map<string, number>();

  constructor(
    private readonly defaultIntervalMs: number,
    private readonly clock: { now(): number; sleep(ms: number): Promise<void> } = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
  ) {}

  /** Sets a host's interval; it never goes below the default (a Crawl-delay can only slow us down). */
  setInterval(host: string, intervalMs: number): void {
    this.intervals.set(host, Math.max(this.defaultIntervalMs, intervalMs));
  }

  intervalFor(host: string): number {
    return this.intervals.get(host) ?? this.defaultIntervalMs;
  }

  /** Waits until the host may be asked again and books the next slot. */
  async wait(host: string): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt.get(host) ?? now);
    this.nextAt.set(host, at + this.intervalFor(host));
    if (at > now) await this.clock.sleep(at - now);
  }
}
