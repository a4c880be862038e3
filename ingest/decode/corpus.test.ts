/** Every saved page of the dev corpus decodes without mojibake. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHtml, normalizeCharset } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.ZHIWEN_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
const indexFile = path.join(corpusDir, 'html', 'index.jsonl');
const corpusAvailable = existsSync(indexFile);

interface PageRecord {
  file: string;
  charset: string;
  charset_note: string | null;
}

function countOf(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

describe.skipIf(!corpusAvailable)('decodeHtml over the saved pages of the corpus', () => {
  const records: PageRecord[] = corpusAvailable
    ? readFileSync(indexFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as PageRecord)
    : [];

  it.each(records.map((r) => [r.file, r] as const))('%s', (_file, record) => {
    const bytes = readFileSync(path.join(corpusDir, 'html', record.file));
    const out = decodeHtml(bytes);
    expect(out.charset).toBe(normalizeCharset(record.charset));
    // Tolerated: U+FFFD already present in the source bytes, and undecodable sequences PROVENANCE lists.
    const literal = countOf(bytes, Buffer.from([0xef, 0xbf, 0xbd]));
    const undecodable = Number(/(\d+) undecodable/.exec(record.charset_note ?? '')?.[1] ?? 0);
    const replacements = out.text.match(/\uFFFD/g)?.length ?? 0;
    expect(replacements).toBeLessThanOrEqual(literal + undecodable);
    expect(out.text.match(/[\u4e00-\u9fff]/g)?.length ?? 0).toBeGreaterThan(200);
  });
});
