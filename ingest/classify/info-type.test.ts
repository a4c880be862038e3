import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyInfoType } from './index';

describe('classifyInfoType', () => {
  it.each([
    ['《北京市X管理办法》政策解读', '一、起草背景……', '政策解读'],
    ['国家发展改革委有关负责人就X答记者问', '问：……答：……', '政策解读'],
    ['一图读懂2020年政府工作报告', '', '政策解读'],
    ['网友留言答复（留言编号2557）', '网友“A000110735”：您好！您在平台上的留言已收悉……', '互动交流'],
    ['关于小区停水问题的回复', '尊敬的网友：您好！……', '互动交流'],
    ['居民身份证换领办事指南', '一、办理对象……', '办事指南'],
    ['X市2020年度公开招聘事业单位工作人员公告', '根据……现将有关事项公告如下：', '通知公告'],
    ['关于X项目环境影响评价的公示', '……', '通知公告'],
    ['X市人民政府关于X的通告 2020年第2号', '根据……现通告如下：', '通知公告'],
    ['国务院办公厅关于X的意见', '国务院办公厅关于X的意见\n国办发〔2017〕21号\n各省：……', '政策文件'],
    ['国家税务总局关于X有关事项的公告', '国家税务总局公告2020年第4号\n为……现公告如下：', '政策文件'],
    ['上海市X条例', '上海市X条例\n第一章 总则\n第一条 为了……', '政策文件'],
    ['最高人民法院关于审理X案件若干问题的解释', '为正确审理……', '政策文件'],
    ['关于2020年春节放假安排的通知', '各单位：现将春节放假安排通知如下……', '通知公告'],
    ['市长主持召开市政府常务会议', '会议研究了……', '新闻动态'],
    ['教育部办公厅印发通知部署中小学延期开学', '近日，教育部办公厅印发通知……', '新闻动态'],
  ])('%s → %s', (title, body, expected) => {
    expect(classifyInfoType({ title, body }).infoType).toBe(expected);
  });

  it('puts a 解读 of a 通知 under 政策解读, before the 通知 rule', () => {
    expect(classifyInfoType({ title: '关于X的通知的解读', body: '国办发〔2017〕21号' }).infoType).toBe(
      '政策解读',
    );
  });

  it('trusts a source category, and falls back to the column with lower confidence', () => {
    expect(
      classifyInfoType({ title: '市长主持召开会议', body: '', hints: { category: '政策文件' } }),
    ).toEqual({
      infoType: '政策文件',
      confidence: 0.95,
    });
    const byColumn = classifyInfoType({
      title: '2019年12月工作情况',
      body: '',
      hints: { column: '政务公开/通知公告' },
    });
    expect(byColumn).toEqual({ infoType: '通知公告', confidence: 0.6 });
    expect(classifyInfoType({ title: '2019年12月工作情况', body: '' })).toEqual({
      infoType: '新闻动态',
      confidence: 0.4,
    });
  });
});

const corpusDir = process.env.ZHIWEN_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus');
const corpusAvailable = existsSync(resolve(corpusDir, 'documents/laws_lawrefbook.jsonl'));

describe.skipIf(!corpusAvailable)('classifyInfoType on the corpus', () => {
  const read = (file: string) =>
    readFileSync(resolve(corpusDir, 'documents', file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string | null; text: string });

  it('files every official reply under 互动交流', () => {
    const types = read('taidi2020c_replies.jsonl').map(
      (d) => classifyInfoType({ title: d.title ?? '', body: d.text }).infoType,
    );
    expect(types.filter((t) => t !== '互动交流')).toEqual([]);
  });

  it('files at least 98% of laws, regulations and judicial interpretations under 政策文件', () => {
    const laws = read('laws_lawrefbook.jsonl');
    const policy = laws.filter(
      (d) => classifyInfoType({ title: d.title ?? '', body: d.text }).infoType === '政策文件',
    );
    // Measured: 691/696 (the rest have titles without a normative form word and no 第一条 header).
    expect(policy.length / laws.length).toBeGreaterThan(0.98);
  });
});
