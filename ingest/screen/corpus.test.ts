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

  it('keeps the office numbers in official replies ("请致电0735-…咨询"), as messages too', () => {
    const phones = read('taidi2020c_replies.jsonl').filter((d) => {
      const { masked } = maskPersonalData(d.text, { message: true });
      return masked.landlines + masked.mobiles > 0;
    });
    expect(phones.map((d) => d.id)).toEqual([]);
  });

  it('masks no name and no address in the laws, and only 联系人/住 details in the policy feed', () => {
    const laws = read('laws_lawrefbook.jsonl').filter((d) => maskPersonalData(`${d.title ?? ''}\n${d.text}`).text !== `${d.title ?? ''}\n${d.text}`);
    expect(laws.map((d) => d.id)).toEqual([]);
    const policy = read('ncp2020_policy_docs.jsonl').map((d) => maskPersonalData(d.text).masked);
    expect(policy.reduce((n, m) => n + m.names, 0)).toBe(0);
  });
});
