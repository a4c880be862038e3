import { describe, expect, it } from 'vitest';
import { detectValidity } from './validity';

const at = (body: string, extra: { writtenAt?: string; publishedAt?: string } = {}) =>
  detectValidity('标题', body, { referenceDate: '2025-01-01', ...extra });

describe('validity from what the text says', () => {
  it('is 有效 from the document’s own 施行 clause or a law’s 施行 line once that day has come', () => {
    expect(at('第一条 …。\n第三十二条 本条例自2020年10月1日起施行。')).toMatchObject({ validity: '有效', evidence: '第三十二条 本条例自2020年10月1日起施行' });
    expect(at('中华人民共和国民法典\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n2021年1月1日 施行\n第一条 …。').validity).toBe('有效');
    expect(at('本办法自印发之日起施行。', { writtenAt: '2020-02-05' }).validity).toBe('有效');
  });

  it('stays 未知 when the day has not come, is not known, or a term without a date may have ended', () => {
    expect(at('本条例自2026年1月1日起施行。').validity).toBe('未知');
    expect(at('本办法自印发之日起施行。').validity).toBe('未知');
    expect(at('本通知自印发之日起施行，有效期至全省突发公共卫生事件Ⅰ级响应解除。', { writtenAt: '2020-02-05' }).validity).toBe('未知');
    expect(at('五、本公告自2020年1月1日起施行，截止日期视疫情情况另行公告。').validity).toBe('未知');
    expect(at('《某某条例》自2020年1月1日起施行。').validity).toBe('未知');
  });

  it('reads the document’s own terms (执行至, N个月, 有效期一年) against the reference day', () => {
    expect(at('本通知自发布之日起暂执行至2020年6月30日止。')).toMatchObject({ validity: '失效', evidence: '执行至2020年6月30日止' });
    expect(at('本政策执行期暂定为自政策发布之日起三个月。', { publishedAt: '2020-02-10' }).validity).toBe('失效');
    expect(at('本实施意见自印发之日起实施，有效期一年。', { writtenAt: '2024-06-01' }).validity).toBe('有效');
  });

  it('does not take another thing’s term for the document’s own', () => {
    const regulation = '第十五条 依照本条例取得的机动车驾驶证有效期为6年。\n第一百一十五条 本条例自2004年5月1日起施行。';
    expect(at(regulation, { writtenAt: '2004-04-30' })).toMatchObject({ validity: '有效', evidence: '第一百一十五条 本条例自2004年5月1日起施行' });
  });
});
