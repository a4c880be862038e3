import { readFileSync } from 'node:fs';
import { findDocNumbers, docNumberKey, extractMetadata } from './ingest/metadata';
const read = (f: string) => readFileSync('/work/shared/corpus/documents/' + f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const ncp = read('ncp2020_policy_docs.jsonl');
let found = 0, n = 0;
for (const d of ncp.filter((d) => d.doc_number)) {
  n++;
  const keys = findDocNumbers(d.text).map((m) => m.key);
  if (keys.includes(docNumberKey(d.doc_number)!)) found++; else console.log('MISS', d.doc_number, keys);
  const md = extractMetadata({ title: d.title ?? '', body: d.text ?? '' }, { referenceDate: '2020-03-01' });
  console.log(d.doc_number, '| own:', md.docNumber, '| issuer:', md.issuer, md.writtenAt, md.validity, md.repeals);
}
console.log('ncp found', found, '/', n);
let withIssuer = 0, issuerFound = 0, pubMatch = 0;
for (const d of ncp.filter((d) => !d.doc_number).slice(0, 40)) {
  const md = extractMetadata({ title: d.title ?? '', body: d.text ?? '' }, { referenceDate: '2020-03-01' });
  console.log('  nodoc', (d.title ?? '').slice(0, 30), '| own:', md.docNumber, '| issuer:', md.issuer, md.writtenAt, d.published, md.validity);
}
const laws = read('laws_lawrefbook.jsonl');
let agree = 0, tot = 0, dn = 0, dnTot = 0, w = 0;
const dis: string[] = [];
for (const d of laws) {
  const md = extractMetadata({ title: d.title, body: d.text ?? '' }, { referenceDate: '2024-01-01' });
  if (md.writtenAt || md.publishedAt) w++;
  if (d.issuer) { tot++; if (md.issuer === d.issuer) agree++; else dis.push(`${d.issuer} vs ${md.issuer} :: ${d.text.split('\n').slice(1,3).join(' / ')}`); }
  if (d.doc_number) { dnTot++; if (md.docNumberKey === docNumberKey(d.doc_number)) dn++; else console.log('LAWDN', d.doc_number, md.docNumber); }
}
console.log('laws issuer agree', agree, tot, 'docnum', dn, dnTot, 'dated', w, laws.length);
console.log(dis.slice(0, 40).join('\n'));
