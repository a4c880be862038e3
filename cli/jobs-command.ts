import { ATTACHMENT_QUEUE, INGEST_QUEUE, openJobQueue } from '../ingest/jobs';
import type { IngestSettings } from './ingest-settings';

/** `zhiwen jobs`: the ingest and attachment queues' counts and dead letters; --retry-dead puts them back to work. */
export async function jobsCommand(
  settings: IngestSettings,
  options: { dead: number; retryDead: boolean },
): Promise<void> {
  if (!settings.queue.redisUrl) {
    console.log(
      'no REDIS_URL: jobs run in-process inside `zhiwen enqueue` and leave nothing to inspect afterwards',
    );
    return;
  }
  for (const name of [INGEST_QUEUE, ATTACHMENT_QUEUE]) {
    const queue = openJobQueue(name, settings.queue);
    try {
      if (options.retryDead) console.log(`${name}: retrying ${await queue.retryDead()} dead letters`);
      const c = await queue.counts();
      console.log(`${name}: waiting ${c.waiting}, active ${c.active}, completed ${c.completed}, retrying ${c.failed}, dead ${c.dead}`);
      for (const d of await queue.deadLetters(options.dead)) {
        console.log(`  ${d.failedAt} ${d.id} (${d.attemptsMade} attempts): ${d.reason}`);
      }
    } finally {
      await queue.close();
    }
  }
}
