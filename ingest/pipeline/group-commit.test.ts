import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit';

describe('groupCommit', () => {
  it('runs the first input alone and the ones that arrive meanwhile together, each getting its own result', async () => {
    const runs: string[][] = [];
    const run = groupCommit(async (batch: string[]) => {
      runs.push(batch);
      await new Promise((r) => setTimeout(r, 5));
      return batch.map((b) => b.toUpperCase());
    });
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(run))).toEqual(['A', 'B', 'C', 'D']);
    expect(runs).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps inputs with one key in separate runs, in arrival order, and caps a run at maxBatch', async () => {
    const runs: string[][] = [];
    const run = groupCommit(async (batch: string[]) => (runs.push(batch), batch), { maxBatch: 2, keyOf: (s) => s[0] });
    await Promise.all(['x1', 'a1', 'b1', 'a2', 'c1'].map(run));
    expect(runs).toEqual([['x1'], ['a1', 'b1'], ['a2', 'c1']]);
  });

  it('fails only the input that fails on its own when a run of several fails', async () => {
    const runs: string[][] = [];
    const run = groupCommit(async (batch: string[]) => {
      runs.push(batch);
      if (batch.includes('bad')) throw new Error(`cannot store ${batch.join('+')}`);
      return batch;
    });
    const outcomes = await Promise.allSettled(['first', 'ok', 'bad', 'fine'].map(run));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      'first', 'ok', 'cannot store bad', 'fine',
    ]);
    expect(runs).toEqual([['first'], ['ok', 'bad', 'fine'], ['ok'], ['bad'], ['fine']]);
  });
});
