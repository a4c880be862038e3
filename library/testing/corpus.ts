import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the shared real-data corpus lives: ZHIWEN_CORPUS, or ../shared/corpus beside the repository. */
export const corpusDir = process.env.ZHIWEN_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
export const corpusAvailable = existsSync(path.join(corpusDir, 'documents'));
export const corpusFile = (...parts: string[]): string => path.join(corpusDir, ...parts);
