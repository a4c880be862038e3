export interface GroupCommitOptions<In> {
  /** Most inputs handed to one run; default 64. */
  maxBatch?: number;
  /** Inputs with the same key never share a run (two versions of one document in one transaction). */
  keyOf?: (input: In) => string;
}

/**
 * Group commit: single inputs arriving concurrently (ingest jobs on one worker) are run together.
 * The first input runs at once, alone; those that arrive meanwhile wait and go in the next run, so a
 * lone caller waits for nothing and a busy process writes in batches. One run at a time. Each caller
 * gets its own result or error: a failed run of several inputs is run again one input at a time, so
 * only the input that fails on its own is failed.
 */
export function groupCommit<In, Out>(
  run: (batch: In[]) => Promise<Out[]>,
  options: GroupCommitOptions<In> = {},
): (input: In) => Promise<Out> {
  const maxBatch = options.maxBatch ?? 64;
  const keyOf = options.keyOf;
  let pending: Array<{ input: In; resolve: (out: Out) => void; reject: (err: unknown) => void }> = [];
  let running = false;

  const take = () => {
    const keys = new Set<string>();
    const batch: typeof pending = [];
    const rest: typeof pending = [];
    for (const p of pending) {
      const key = keyOf?.(p.input);
      if (batch.length >= maxBatch || (key !== undefined && keys.has(key))) rest.push(p);
      else {
        if (key !== undefined) keys.add(key);
        batch.push(p);
      }
    }
    pending = rest;
    return batch;
  };

  const drain = async () => {
    running = true;
    while (pending.length > 0) {
      const batch = take();
      try {
        const outs = await run(batch.map((b) => b.input));
        batch.forEach((b, i) => b.resolve(outs[i]));
      } catch (err) {
        if (batch.length === 1) batch[0].reject(err);
        // One bad input must not fail the others (they would be retried together, and fail again).
        else for (const b of batch) await run([b.input]).then((outs) => b.resolve(outs[0]), b.reject);
      }
    }
    running = false;
  };

  return (input: In) =>
    new Promise<Out>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      if (!running) void drain();
    });
}
