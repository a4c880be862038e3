/** Metadata extraction on real corpus records (skipped when ../shared/corpus is absent). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChineseDate } from '../normalize';
import { docNumberKey, extractMetadata, findDocNumbers } from './index';

const corpusDir = process.env.ZHIWEN_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus');
const corpusAvailable = existsSync(resolve(corpusDir, 'documents/ncp2020_policy_docs.jsonl'));

interface CorpusDoc {
  id: string;
  title: string | null;
  text: string;
  issuer: string | null;
  doc_number: string | null;
}

function read(file: string): CorpusDoc[] {
  const lines = readFileSync(resolve(corpusDir, 'documents', file), 'utf8')
    .trim()
    .split('\n');
  return lines.map((line) => JSON.parse(line) as CorpusDoc);
}

describe.skipIf(!corpusAvailable)('metadata on the NCP policy documents', () => {
  const docs = corpusAvailable ? read('ncp2020_policy_docs.jsonl') : [];

  it('finds the recorded 文号 in the text of every document that has one', () => {
    const withNumber = docs.filter((d) => d.doc_number);
    expect(withNumber.length).toBeGreaterThan(15);
    for (const d of withNumber) {
      expect(
        findDocNumbers(d.text).map((m) => m.key),
        d.id,
      ).toContain(docNumberKey(d.doc_number ?? ''));
    }
  });

  it("does not take a number cited in brackets in the first sentence as the document's own", () => {
    // The corpus field is "first 〔year〕N号 in the first 400 chars", so it is sometimes a citation.
    const cited = docs.filter((d) => {
      const n = d.doc_number ?? '';
      return (
        n !== '' && d.text.split(n).length === 2 && /》\s*[（(]\s*$/u.test(d.text.slice(0, d.text.indexOf(n)))
      );
    });
    expect(cited.length).toBeGreaterThan(3);
    for (const d of cited)
      expect(extractMetadata({ title: d.title ?? '', body: d.text }).docNumber, d.id).toBeNull();
  });

  it('agrees with the recorded number where it stands alone in the header', () => {
    const own = docs.filter(
      (d) => d.doc_number && new RegExp(`\\s${d.doc_number}\\s`, 'u').test(d.text.slice(0, 400)),
    );
    expect(own.length).toBeGreaterThan(5);
    for (const d of own) {
      expect(extractMetadata({ title: d.title ?? '', body: d.text }).docNumberKey, d.id).toBe(
        docNumberKey(d.doc_number ?? ''),
      );
    }
  });
});

describe.skipIf(!corpusAvailable)('metadata on the laws', () => {
  const laws = corpusAvailable ? read('laws_lawrefbook.jsonl') : [];

  it('parses the date that opens every dated header line', () => {
    const lines = laws
      .flatMap((d) => d.text.split('\n').slice(1, 4))
      .filter((l) => /^\d{4}年\d{1,2}月\d{1,2}日/u.test(l));
    expect(lines.length).toBeGreaterThan(500);
    const parsed = lines.filter(
      (l) => parseChineseDate(/^\d{4}年\d{1,2}月\d{1,2}日/u.exec(l)?.[0] ?? '') !== null,
    );
    expect(parsed.length).toBe(lines.length);
  });

  it('finds the recorded 文号 (令, 法释) in the text', () => {
    const withNumber = laws.filter((d) => d.doc_number);
    for (const d of withNumber) {
      const raws = findDocNumbers(d.text).map((m) => m.raw);
      // Joint orders are recorded truncated ("中央军事委员会令第418号" of "国务院、中央军事委员会令…").
      expect(
        raws.some((r) => r.endsWith(d.doc_number ?? '')),
        `${d.id} ${d.doc_number}`,
      ).toBe(true);
    }
  });

  it('agrees with the recorded issuer for at least 90% of laws and dates at least 90%', () => {
    let agree = 0;
    let dated = 0;
    const withIssuer = laws.filter((d) => d.issuer);
    for (const d of laws) {
      const md = extractMetadata({ title: d.title ?? '', body: d.text });
      if (d.issuer && md.issuer === d.issuer) agree++;
      if (md.writtenAt || md.publishedAt) dated++;
    }
    // Measured: 622/660 issuers (disagreements: the corpus says 国务院 where a ministry's 令 published it), 648/696 dated.
    expect(agree / withIssuer.length).toBeGreaterThan(0.9);
    expect(dated / laws.length).toBeGreaterThan(0.9);
  });
});
