import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { extractGovMetadata } from './gov-metadata';
import { normalizeDate } from './published-at';
import { collectSegments } from './segments';
import { cleanTitle } from './title';

describe('cleanTitle', () => {
  it.each([
    [
      '关于做好2024年春节期间安全生产工作的通知 - 某某省人民政府门户网站',
      '关于做好2024年春节期间安全生产工作的通知',
    ],
    ['关于印发某某市数字政府建设方案的通知_政策文件_某某市人民政府', '关于印发某某市数字政府建设方案的通知'],
    ['法国全国大罢工再次严重影响交通-新华网', '法国全国大罢工再次严重影响交通'],
    ['Joel on Software - 给计算机系学生的建议', '给计算机系学生的建议'],
    ['新冠病毒COVID-19防控指南', '新冠病毒COVID-19防控指南'],
    ['多维博客 » 播客热潮迅速蔓延', '播客热潮迅速蔓延'],
  ])('%s → %s', (raw, clean) => {
    expect(cleanTitle(raw)).toBe(clean);
  });
});

describe('normalizeDate', () => {
  it.each([
    ['发布时间：2023-05-12 09:30', '2023-05-12T09:30'],
    ['2005年4月5日 06:40', '2005-04-05T06:40'],
    ['2020/3/1', '2020-03-01'],
    ['成文日期：2023年05月10日', '2023-05-10'],
    ['第2023-13-40号', null],
    ['无日期', null],
  ])('%s → %s', (text, iso) => {
    expect(normalizeDate(text)).toBe(iso);
  });
});

describe('extractGovMetadata', () => {
  const segmentsOf = (html: string) =>
    collectSegments(parseHTML(`<html><body>${html}</body></html>`).document.body as Element);

  it('reads "label：value" pairs written in one cell or one line', () => {
    const meta = extractGovMetadata(
      segmentsOf(
        '<div class="xxgk"><p>索引号：000014349/2024-00005　主题分类：城乡建设、环境保护</p>' +
          '<p>发文机关：国务院办公厅　成文日期：2024年01月05日</p><p>文　　号：国办发〔2024〕3号</p></div>',
      ),
    );
    expect(meta).toEqual({
      索引号: '000014349/2024-00005',
      主题分类: '城乡建设、环境保护',
      发文机关: '国务院办公厅',
      成文日期: '2024年01月05日',
      发文字号: '国办发〔2024〕3号',
    });
  });

  it('ignores a news byline that has no information-table label', () => {
    expect(extractGovMetadata(segmentsOf('<p>发布时间：2024-01-05 来源：新华社</p>'))).toEqual({});
  });
});
