/**
 * The extraction target over the dev pages with gold text (15 CWCED pages): mean character
 * F1 ≥ 0.85 (Mozilla Readability: 0.813), and every saved page decodes without mojibake.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateExtraction } from './extraction';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.ZHIWEN_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
const corpusAvailable = existsSync(path.join(corpusDir, 'html', 'index.jsonl'));

describe.skipIf(!corpusAvailable)('evaluateExtraction on the corpus pages', () => {
  it('beats Readability: mean character F1 ≥ 0.85 and no page below 0.1', async () => {
    const result = await evaluateExtraction(corpusDir);
    expect(result.pages.length).toBeGreaterThanOrEqual(15);
    expect(result.mean.f1).toBeGreaterThanOrEqual(0.85);
    for (const page of result.pages) expect(page.f1, page.file).toBeGreaterThan(0.1);
    expect(result.decodedWithoutMojibake).toBe(result.total);
  });
});
