/** Screening on real corpus texts: nothing public may be quarantined (skipped without ../shared/corpus). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskPersonalData, screenDocument } from './index';

const corpusDir = process.env.ZHIWEN_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus');
const corpusAvailable = existsSync(resolve(corpusDir, 'documents/laws_lawrefbook.jsonl'));

function read(file: string): Array<{ id: string; title: string | null; text: string }> {
  return readFileSync(resolve(corpusDir, 'documents', file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; title: string | null; text: string });
}

describe.skipIf(!corpusAvailable)('screening real public documents', () => {
  it.each(['laws_lawrefbook.jsonl', 'ncp2020_policy_docs.jsonl', 'taidi2020c_replies.jsonl'])(
    'quarantines none of %s (laws on 保守国家秘密 and 内部控制 included)',
    (file) => {
      const quarantined = read(file).filter(
        (d) => screenDocument({ title: d.title ?? '', body: d.text }).quarantine,
      );
      expect(quarantined.map((d) => d.id)).toEqual([]);
    },
  );

  it('keeps the office numbers in official replies ("请致电0735-…咨询")', () => {
    const changed = read('taidi2020c_replies.jsonl').filter((d) => maskPersonalData(d.text).text !== d.text);
    expect(changed.map((d) => d.id)).toEqual([]);
  });
});
