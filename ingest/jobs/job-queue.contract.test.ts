import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../../library/errors';
import type { JobQueue } from './job-queue';
import { backendCases } from './testing/backends';
import { waitForDrain } from './wait-for-drain';

/** One contract, run against every backend (STYLE.md practice 3). */
for (const backend of backendCases()) {
  describe(`job queue contract on ${backend.name}`, () => {
    const disposers: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (disposers.length) await disposers.pop()!();
    });
    function open<D, R>(options: Parameters<typeof backend.open>[0] = {}): JobQueue<D, R> {
      const { queue, dispose } = backend.open<D, R>({ backoffMs: 20, lockMs: 2000, ...options });
      disposers.push(dispose);
      return queue;
    }
    const drain = (q: Pick<JobQueue, 'counts'>) => waitForDrain(q, { intervalMs: 20 });

    it('runs added jobs once each and counts them', async () => {
      const q = open<{ n: number }, number>();
      const ids = await q.addBulk([1, 2, 3].map((n) => ({ name: 'square', data: { n } })));
      await q.add('square', { n: 4 });
      expect(ids).toHaveLength(3);
      expect(await q.counts()).toMatchObject({ waiting: 4, active: 0, completed: 0 });
      const seen: number[] = [];
      q.process(async ({ n }, ctx) => {
        expect(ctx.name).toBe('square');
        seen.push(n);
        return n * n;
      });
      expect(await drain(q)).toEqual({ waiting: 0, active: 0, completed: 4, failed: 0, dead: 0 });
      expect(seen.sort()).toEqual([1, 2, 3, 4]);
    });

    it('ignores a second add with the same job id while the first is known', async () => {
      const q = open<string, void>();
      expect(await q.add('x', 'a', { jobId: 'same-id' })).toBe('same-id');
      expect(await q.add('x', 'b', { jobId: 'same-id' })).toBe('same-id');
      expect((await q.counts()).waiting).toBe(1);
      await expect(q.add('x', 'c', { jobId: 'has:colon' })).rejects.toThrow(/letters, digits/);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const q = open<string, string>({ attempts: 4 });
      const attempts: number[] = [];
      const id = await q.add('flaky', 'payload');
      q.process(async (data, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error(`temporary failure ${ctx.attempt}`);
        return data;
      });
      expect(await drain(q)).toMatchObject({ completed: 1, failed: 0, dead: 0 });
      expect(attempts).toEqual([1, 2, 3]);
      expect(await q.status(id)).toMatchObject({ state: 'completed', attemptsMade: 3 });
    });

    it('counts a failed job waiting for its backoff as failed, with its reason', async () => {
      const q = open<string, void>({ attempts: 3, backoffMs: 60_000 });
      const id = await q.add('later', 'x');
      q.process(async () => {
        throw new Error('upstream timed out');
      });
      let counts = await q.counts();
      for (let i = 0; i < 300 && counts.failed === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        counts = await q.counts();
      }
      expect(counts).toMatchObject({ waiting: 0, active: 0, failed: 1, dead: 0 });
      expect(await q.status(id)).toMatchObject({
        state: 'failed',
        attemptsMade: 1,
        reason: 'upstream timed out',
      });
    });

    it('dead-letters a job whose attempts run out, with the last reason', async () => {
      const q = open<string, void>({ attempts: 2 });
      const id = await q.add('doomed', 'x');
      q.process(async (_d, ctx) => {
        throw new Error(`still broken on attempt ${ctx.attempt}`);
      });
      expect(await drain(q)).toMatchObject({ completed: 0, dead: 1 });
      const [dead] = await q.deadLetters();
      expect(dead).toMatchObject({
        id,
        name: 'doomed',
        data: 'x',
        reason: 'still broken on attempt 2',
        attemptsMade: 2,
      });
      expect(await q.status(id)).toMatchObject({ state: 'dead', reason: 'still broken on attempt 2' });
    });

    it('sends a bad record straight to the dead letters, without retry', async () => {
      const q = open<{ id: string }, void>({ attempts: 5 });
      await q.add('ingest', { id: 'bad-1' });
      await q.add('ingest', { id: 'good-1' });
      const calls: string[] = [];
      q.process(async ({ id }) => {
        calls.push(id);
        if (id.startsWith('bad')) throw new InvalidRecordError('title is missing', { id });
      });
      expect(await drain(q)).toMatchObject({ completed: 1, dead: 1, failed: 0 });
      expect(calls.sort()).toEqual(['bad-1', 'good-1']);
      expect((await q.deadLetters()).map((d) => [d.reason, d.attemptsMade])).toEqual([
        ['INVALID_RECORD: title is missing', 1],
      ]);
    });

    it('puts dead letters back to work on request', async () => {
      const q = open<string, void>({ attempts: 1 });
      await q.add('once', 'x');
      let fixed = false;
      q.process(async () => {
        if (!fixed) throw new Error('dependency down');
      });
      expect((await drain(q)).dead).toBe(1);
      fixed = true;
      expect(await q.retryDead()).toBe(1);
      expect(await drain(q)).toMatchObject({ completed: 1, dead: 0 });
    });

    it('runs at most `concurrency` jobs at once, and more than one', async () => {
      const q = open<number, void>();
      await q.addBulk(Array.from({ length: 9 }, (_, i) => ({ name: 'slow', data: i })));
      let running = 0;
      let peak = 0;
      q.process(
        async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 30));
          running--;
        },
        { concurrency: 3 },
      );
      await drain(q);
      expect(peak).toBe(3);
    });

    it('reports progress while a job runs', async () => {
      const q = open<void, void>();
      const id = await q.add('long', undefined);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      q.process(async (_d, ctx) => {
        await ctx.progress({ done: 5, of: 10 });
        await gate;
      });
      for (let i = 0; i < 200 && (await q.status(id))?.state !== 'active'; i++)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 30));
      expect(await q.status(id)).toMatchObject({ state: 'active', progress: { done: 5, of: 10 } });
      expect((await q.counts()).active).toBe(1);
      release();
      await drain(q);
      expect(await q.status('no-such-job')).toBeNull();
    });
  });
}
