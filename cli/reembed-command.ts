import { openLibrary } from '../library/store';
import { checkEmbeddingStamp, openEmbedder } from '../library/embeddings';
import { reembed } from '../ingest/embed';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';

/** `zhiwen reembed`: brings every chunk's vector to ZHIWEN_EMBED_MODEL and rebuilds its HNSW index. */
export async function reembedCommand(
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: { progress: boolean; batchSize: number },
): Promise<void> {
  if (!settings.embedModel || settings.embedModel === 'none') {
    throw new Error(
      'set ZHIWEN_EMBED_MODEL to a hub id (e.g. BAAI/bge-small-zh-v1.5) or a local model folder, then run `zhiwen reembed` again',
    );
  }
  const db = await openLibrary(config.library);
  const embedder = await openEmbedder(settings.embedModel, { batchSize: settings.embedBatchSize });
  try {
    const started = performance.now();
    let last = 0;
    const result = await reembed(db, embedder, {
      batchSize: options.batchSize,
      onProgress: (n) => {
        if (options.progress && n - last >= 1000) {
          last = n;
          console.error(`${n} chunks embedded…`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${result.model} (${result.dimensions} dimensions): embedded ${result.embedded} chunks in ${seconds.toFixed(1)} s; index ${result.index}`,
    );
    if (result.droppedIndexes.length)
      console.log(`  dropped old indexes: ${result.droppedIndexes.join(', ')}`);
    const stamp = await checkEmbeddingStamp(db, embedder);
    console.log(`  stamp check: ${stamp.embedded} chunks embedded, ${stamp.missing} missing`);
  } finally {
    await embedder.close();
    await db.close();
  }
}
