import { buildApp } from '../api/app';
import { openLibrary } from '../library/store';
import { isLibraryEmpty, loadSampleLibrary } from '../ingest/sample/load-sample';
import { SearchService } from '../retrieval/search';
import type { ZhiwenConfig } from './config';

export interface ServeOptions {
  /** Load the sample city into an empty library (default true). */
  sample: boolean;
}

/** Opens the library, builds the search index, and serves the API until the process is stopped. */
export async function serve(config: ZhiwenConfig, options: ServeOptions): Promise<void> {
  const db = await openLibrary(config.library);
  if (options.sample && (await isLibraryEmpty(db))) {
    const loaded = await loadSampleLibrary(db);
    console.log(`empty library: loaded the sample city (${loaded.documents} sample documents, fictional)`);
  }
  const search = new SearchService(db);
  const started = performance.now();
  const changed = await search.sync();
  console.log(`search index ready: ${changed} documents in ${Math.round(performance.now() - started)} ms`);
  const stopFollowing = search.follow();
  const app = await buildApp({ db, search }, { logger: process.env.LOG_LEVEL !== 'silent' });
  const address = await app.listen({ port: config.port, host: config.host, ipv6Only: false });
  console.log(`Zhiwen is serving on ${address} (try ${address.replace('[::]', 'localhost')}/ and /docs)`);
  const shutdown = async () => {
    stopFollowing();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
