import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../library/model/document';
import { prepareDocument } from './index';

const base = (over: Partial<DocumentInput>): DocumentInput => ({
  externalId: 'p-1', siteCode: 'site', title: '标题', body: '正文', infoType: '其他', ...over,
});

const POLICY_BODY = [
  '国务院办公厅关于进一步加强节约用水工作的意见',
  '国办发〔２０１７〕４７号',
  '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
  '为贯彻落实节水优先方针，经国务院同意，现提出如下意见。',
  '一、总体要求',
  '（一）指导思想。全面贯彻党的十九大精神，坚持节水优先、空间均衡、系统治理、两手发力。',
  '二、主要任务',
  '（二）强化用水总量控制。严格实行取水许可制度，对超过用水总量控制指标的地区暂停审批新增取水。',
  '（三）推进农业节水。大力推广喷灌、微灌、滴灌等高效节水灌溉技术。',
  '国务院办公厅',
  '2017年6月28日',
].join('\n');

describe('prepareDocument', () => {
  const policy = prepareDocument(base({ title: '国务院办公厅关于进一步加强节约用水工作的意见', body: POLICY_BODY }), { referenceDate: '2024-01-01' });

  it('normalises the text (width folding, spaces) and fills metadata from it', () => {
    expect(policy.body).toContain('国办发〔2017〕47号');
    expect(policy).toMatchObject({
      docNumber: '国办发〔2017〕47号',
      issuer: '国务院办公厅',
      writtenAt: '2017-06-28',
      infoType: '政策文件',
      extra: { filledFromText: ['docNumber', 'issuer', 'writtenAt'] },
    });
  });

  it('stores the query side\'s 文号 key (library/analyzer), not ingest/metadata\'s', () => {
    expect(policy.docNumberKey).toBe('国办发〔2017〕47号');
  });

  it('keeps what the record says over what the text says', () => {
    const given = prepareDocument(base({ body: POLICY_BODY, issuer: '水利部', docNumber: '水节约〔2017〕1号', publishedAt: '2017-07-01', infoType: '通知公告', topic: '水利' }));
    expect(given).toMatchObject({ issuer: '水利部', docNumber: '水节约〔2017〕1号', docNumberKey: '水节约〔2017〕1号', infoType: '通知公告', topic: '水利', publishedAt: '2017-07-01' });
  });

  it('classifies info type and topic when the record gives none, with the evidence', () => {
    expect(policy.extra?.classification).toMatchObject({ infoType: { source: 'rules' } });
    expect(policy.topic).not.toBeNull();
    // An unmapped source category is not overwritten by the classifier's fallback guess.
    const speech = prepareDocument(base({ title: '在全市工作会议上的讲话', body: '同志们：今天召开会议。', extra: { sourceCategory: '领导讲话' } }));
    expect(speech.infoType).toBe('其他');
  });

  it('chunks by structure: each chunk carries its heading and analyzer tokens', () => {
    expect(policy.chunks.length).toBeGreaterThan(0);
    const tasks = policy.chunks.find((c) => c.text.includes('强化用水总量控制'))!;
    expect(tasks.heading).toMatch(/^二、主要任务/u);
    expect(tasks.tokens).toContain('取水');
    expect(policy.titleTokens).toContain('节约用水');
  });

  it('quarantines a document bearing a classification mark, with the reason', () => {
    const secret = prepareDocument(base({ title: '关于调整部分干部职务的通知', body: `机密★1年\n${POLICY_BODY}` }));
    expect(secret.status).toBe('quarantined');
    expect(secret.screen).toMatchObject({ marks: ['机密★1年'], reason: expect.stringContaining('classification mark "机密★1年"') });
    expect(policy.status).toBe('active');
  });

  it('masks phone and ID card numbers in 互动交流 documents before anything is derived from them', () => {
    const qa = prepareDocument(base({
      title: '咨询社保卡补办（电话13812345678）',
      body: '留言：我叫张三，身份证号430102199001011238，手机13812345678，社保卡丢了怎么补办？\n答复：请携带身份证到服务大厅办理，咨询电话0731-84111111。',
      infoType: '互动交流',
    }));
    const all = [qa.title, qa.body, ...qa.chunks.map((c) => c.text), ...qa.chunks.flatMap((c) => c.tokens), ...qa.titleTokens].join(' ');
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('430102199001011238');
    expect(qa.body).toContain('0731-84111111'); // an office's landline stays findable
    expect(qa.extra?.masked).toEqual({ idCards: 1, mobiles: 2, names: 1 }); // 我叫张三 → 张**
  });

  it('is deterministic: the same input has the same content hash, a changed one another', () => {
    const again = prepareDocument(base({ title: '国务院办公厅关于进一步加强节约用水工作的意见', body: POLICY_BODY }), { referenceDate: '2024-01-01' });
    expect(again.contentHash).toBe(policy.contentHash);
    const changed = prepareDocument(base({ title: '国务院办公厅关于进一步加强节约用水工作的意见', body: `${POLICY_BODY}\n附件：节水目标` }), { referenceDate: '2024-01-01' });
    expect(changed.contentHash).not.toBe(policy.contentHash);
    expect(policy.simhash).toMatch(/^[0-9a-f]{16}$/u);
    expect(prepareDocument(base({ body: '已转交相关部门处理。' })).simhash).toBeNull();
  });

  it('derives link keys for policies and interpretations', () => {
    expect(policy.linkKeys).toEqual(expect.arrayContaining(['t:进一步加强节约用水工作的意见', 'n:国办发〔2017〕47号']));
    const reading = prepareDocument(base({ title: '《关于进一步加强节约用水工作的意见》政策解读', body: '近日，国务院办公厅印发了《意见》。', infoType: '政策解读' }));
    expect(reading.linkKeys).toContain('t:进一步加强节约用水工作的意见');
  });
});
