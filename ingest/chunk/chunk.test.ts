import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocNumbers } from '../metadata';
import { chunkDocument } from './index';
import type { Chunk } from './index';

const LONG_ARTICLE =
  '第九条 违反本条例规定，有下列行为之一的，由市水务部门责令改正，处1000元以上5000元以下罚款。' +
  '根据《X市水资源管理办法》（X政发〔2019〕12号）第三十条的规定，情节严重的，处10000元以上50000元以下罚款；' +
  '造成损失的，依法承担赔偿责任。拒不改正的，可以按日连续处罚，具体办法由市人民政府另行规定。' +
  '市水务部门应当将处罚结果在门户网站公开，并抄送有关部门，纳入公共信用信息服务平台。';

const LAW = [
  'X市节约用水条例',
  '2020年9月25日 X市第十五届人民代表大会常务委员会第二十五次会议通过',
  '第一章 总则',
  '第一条 为了推动全社会节水，提高水资源利用效率，根据《中华人民共和国水法》，结合本市实际，制定本条例。',
  '第二条 本市行政区域内的节水及其监督管理活动，适用本条例。',
  '第二章 全过程节水',
  '第一节 取水过程节水',
  '第三条 取水单位应当按照国办发〔2017〕47号文件的要求安装计量设施。',
  '第四条 取水许可的审批，应当符合下列条件：',
  '（一）符合水资源规划；',
  '（二）符合用水总量控制指标。',
  '第二节 用水过程节水',
  '第五条 用水单位应当建立节水管理制度。',
  '第三章 法律责任',
  LONG_ARTICLE,
  '第十条 本条例自2021年1月1日起施行。',
].join('\n');

function chunksOf(body: string, maxChars = 120, overlapChars = 30): Chunk[] {
  return chunkDocument({ title: 'X市节约用水条例', body }, { maxChars, overlapChars });
}

describe('chunkDocument on a law', () => {
  const chunks = chunksOf(LAW);

  it('returns exact slices of the body, in order, each within maxChars', () => {
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    for (const c of chunks) {
      expect(c.text).toBe(LAW.slice(c.start, c.end));
      expect(c.text.length).toBeLessThanOrEqual(120);
    }
  });

  it('carries the chapter and section heading of every chunk', () => {
    const headingOf = (needle: string) => chunks.find((c) => c.text.includes(needle))?.heading;
    expect(headingOf('X市节约用水条例')).toBeNull();
    expect(headingOf('第一条')).toBe('第一章 总则');
    expect(headingOf('第三条')).toBe('第二章 全过程节水 > 第一节 取水过程节水');
    expect(headingOf('第五条')).toBe('第二章 全过程节水 > 第二节 用水过程节水');
    expect(chunks.filter((c) => c.text.includes('按日连续处罚')).map((c) => c.heading)).toEqual([
      '第三章 法律责任',
    ]);
  });

  it('keeps an article that fits whole, its items included', () => {
    const article4 = LAW.slice(LAW.indexOf('第四条'), LAW.indexOf('\n第二节'));
    expect(chunks.some((c) => c.text.includes(article4))).toBe(true);
  });

  it('splits a long article at sentence ends, never inside a 文号 or a number', () => {
    const pieces = chunks.filter((c) => c.heading === '第三章 法律责任' && !c.text.startsWith('第十条'));
    expect(pieces.length).toBeGreaterThan(1);
    for (const c of pieces.slice(0, -1)) expect(c.text).toMatch(/[。；]$/u);
    const numbers = findDocNumbers(LAW).concat(
      [...LAW.matchAll(/\d+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }) as never),
    );
    for (const c of chunks) {
      for (const n of numbers) {
        expect(
          c.start > n.start && c.start < n.end,
          `chunk ${c.ordinal} starts inside ${LAW.slice(n.start, n.end)}`,
        ).toBe(false);
        expect(
          c.end > n.start && c.end < n.end,
          `chunk ${c.ordinal} ends inside ${LAW.slice(n.start, n.end)}`,
        ).toBe(false);
      }
    }
  });

  it('overlaps consecutive chunks of one section by at most overlapChars, never across sections', () => {
    let overlapped = 0;
    for (let i = 1; i < chunks.length; i++) {
      const [prev, next] = [chunks[i - 1], chunks[i]];
      const overlap = prev.end - next.start;
      if (prev.heading !== next.heading) expect(overlap).toBeLessThanOrEqual(0);
      else {
        expect(overlap).toBeGreaterThan(0);
        expect(overlap).toBeLessThanOrEqual(30);
        overlapped++;
      }
    }
    expect(overlapped).toBeGreaterThan(0);
  });

  it('uses defaults 400/60 and rejects bad options with the allowed range', () => {
    expect(chunkDocument({ title: 't', body: LAW }).every((c) => c.text.length <= 400)).toBe(true);
    expect(() => chunkDocument({ title: 't', body: LAW }, { maxChars: 10 })).toThrow(
      /maxChars must be an integer ≥ 50/u,
    );
    expect(() => chunkDocument({ title: 't', body: LAW }, { maxChars: 100, overlapChars: 60 })).toThrow(
      /\[0, maxChars\/2\)/u,
    );
  });
});

describe('chunkDocument on a policy document', () => {
  it('uses 一、 and （一） headings and splits a flat (space-separated) text at its markers', () => {
    const body =
      '关于X的若干措施 为支持中小微企业发展，制定以下措施。 一、减轻企业负担 （一）减免房租。对承租国有资产类经营用房的中小微企业，免收2020年2月、3月两个月房租。 （二）延期缴纳社会保险费。受疫情影响的企业可延期至疫情解除后三个月内补缴。 二、加大金融支持 （三）增加信贷投放。全年普惠型小微企业贷款增速高于各项贷款平均增速。';
    const chunks = chunkDocument({ title: '关于X的若干措施', body }, { maxChars: 80, overlapChars: 20 });
    const headingOf = (needle: string) => chunks.find((c) => c.text.includes(needle))?.heading;
    expect(headingOf('免收2020年2月')).toBe('一、减轻企业负担 > （一）减免房租');
    expect(headingOf('补缴')).toBe('一、减轻企业负担 > （二）延期缴纳社会保险费');
    expect(headingOf('贷款增速')).toBe('二、加大金融支持 > （三）增加信贷投放');
  });
});

const corpusDir = process.env.ZHIWEN_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus');
const corpusAvailable = existsSync(resolve(corpusDir, 'documents/laws_lawrefbook.jsonl'));

describe.skipIf(!corpusAvailable)('chunkDocument on the corpus laws', () => {
  it('keeps its invariants on every law: exact slices, ≤ maxChars, full coverage of the articles', () => {
    const laws = readFileSync(resolve(corpusDir, 'documents/laws_lawrefbook.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 200);
    for (const line of laws) {
      const { id, title, text } = JSON.parse(line) as { id: string; title: string; text: string };
      const chunks = chunkDocument({ title, body: text });
      for (const c of chunks) {
        expect(c.text, id).toBe(text.slice(c.start, c.end));
        expect(c.text.length, id).toBeLessThanOrEqual(400);
      }
      const covered = chunks.map((c) => c.text).join('');
      for (const m of text.matchAll(/第[一二三四五六七八九十百]+条/gu))
        expect(covered.includes(m[0]), `${id} ${m[0]}`).toBe(true);
    }
  });
});
