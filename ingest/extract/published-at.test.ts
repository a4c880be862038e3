/** The publication date of saved pages whose byline area carries other dates too. */
import { describe, expect, it } from 'vitest';
import { extractMainContent } from './index';

const POST =
  '小区门口的路灯已经坏了半个多月了，晚上出行很不方便，老人孩子经过时尤其危险。我们已经向物业反映过几次，' +
  '物业说路灯归市政管理。请问应该向哪个部门反映？希望有关部门尽快派人来修一修，谢谢大家的帮忙。';

/**
 * A Discuz-like thread: the poster's panel (UID, 帖子, 注册时间) beside the post, the post's 发表于
 * line above the panel (nearer the text is the 注册时间), or both in one header line.
 */
function forumPage(order: 'panel-first' | 'panel-in-header'): string {
  const panel = `<td class="postauthor"><div class="poster">芊草凡凡</div><p class="profile">UID 10234 帖子 568 积分 1200 注册时间 2003-5-12</p></td>`;
  const header = `<div class="postinfo">${order === 'panel-in-header' ? '注册时间 2003-5-12 ' : ''}发表于 2005-8-22 19:13 只看该作者 楼主</div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>小区路灯坏了找哪个部门 - 市民论坛</title></head><body>
    <div id="nav"><a href="/">首页</a> » <a href="/f/2">民生话题</a></div>
    <table class="t_msg"><tr><td colspan="2">${header}</td></tr>
    <tr>${order === 'panel-first' ? panel : '<td class="postauthor"><div class="poster">芊草凡凡</div></td>'}
    <td class="postcontent">
      <div class="t_msgfont"><p>${POST}</p><p>${POST}</p></div></td></tr></table>
    <div id="footer">Powered by Discuz! © 2001-2005</div></body></html>`;
}

describe('the publication date of a forum post', () => {
  it.each(['panel-first', 'panel-in-header'] as const)(
    'is the post\'s 发表于 date, not the poster\'s 注册时间 (%s)',
    (order) => {
      const content = extractMainContent(forumPage(order));
      expect(content.text).toContain('小区门口的路灯');
      expect(content.publishedAt).toBe('2005-08-22T19:13');
    },
  );

  it('still takes a lone unlabelled byline date, and a 发布时间 line', () => {
    const page = (byline: string) => `<html><head><title>关于X的通知</title></head><body><h1>关于X的通知</h1>
      <div class="info">${byline}</div><div class="content"><p>${POST}</p><p>${POST}</p></div></body></html>`;
    expect(extractMainContent(page('来源：市政府办公室 2020-02-05')).publishedAt).toBe('2020-02-05');
    expect(extractMainContent(page('发布时间：2020年2月6日 浏览次数：120')).publishedAt).toBe('2020-02-06');
    expect(extractMainContent(page('会员注册日期：2019-01-01')).publishedAt).toBeNull();
  });
});
