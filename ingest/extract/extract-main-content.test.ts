import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../decode';
import { extractMainContent } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(here, 'fixtures', name), 'utf8');

function expectAll(text: string, kept: string[], dropped: string[]): void {
  for (const k of kept) expect(text, `should keep ${k}`).toContain(k);
  for (const d of dropped) expect(text, `should drop ${d}`).not.toContain(d);
}

describe('extractMainContent: government article with heavy boilerplate', () => {
  const out = extractMainContent(fixture('gov-article.html'));

  it('keeps the text, numbered items, the data table and the closing signature', () => {
    expectAll(
      out.text,
      [
        '各市（州）人民政府，省政府各厅委办、各直属机构：',
        '一、提升政务服务效能',
        '（一）推进“一网通办”。',
        '事项\t办理时限\t责任单位',
        '企业开办\t1个工作日\t省市场监管局',
        '本措施自印发之日起施行',
        '某某省人民政府办公厅\n2023年5月10日',
      ],
      [],
    );
  });

  it('drops navigation, breadcrumbs, share bar, info table, prev/next, print/close, related links and footer', () => {
    expectAll(
      out.text,
      [],
      [
        '首页',
        '当前位置',
        '长者模式',
        '分享到',
        '微博',
        '索引号',
        '发布时间',
        '字号',
        '上一篇',
        '下一篇',
        '打印',
        '关闭',
        '相关文件',
        '营商环境创新试点',
        '版权所有',
        'ICP备',
        '网站标识码',
        '公网安备',
        '主办',
        '网站地图',
      ],
    );
  });

  it('lists the section headings, not the numbered paragraphs', () => {
    expect(out.headings).toEqual(['一、提升政务服务效能', '二、加强要素保障']);
  });

  it('puts paragraphs on separate lines, in order', () => {
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('各市（州）人民政府，省政府各厅委办、各直属机构：');
    expect(lines.indexOf('一、提升政务服务效能')).toBeLessThan(lines.indexOf('二、加强要素保障'));
  });

  it('extracts title, date, canonical URL and the public-information table', () => {
    expect(out.title).toBe('关于进一步优化营商环境的若干措施');
    expect(out.publishedAt).toBe('2023-05-12T09:30');
    expect(out.url).toBe('https://www.example.gov.cn/zwgk/zcwj/202305/t20230512_1.html');
    expect(out.meta).toMatchObject({
      索引号: '11220000013544357T/2023-01234',
      发文机关: '某某省人民政府办公厅',
      发文字号: '某政办发〔2023〕12号',
      成文日期: '2023年05月10日',
      发布日期: '2023年05月12日',
      主题分类: '综合政务/其他',
    });
  });
});

describe('extractMainContent: forum thread (Discuz)', () => {
  const out = extractMainContent(fixture('forum-thread.html'));

  it('keeps the question and the official reply', () => {
    expectAll(
      out.text,
      [
        '我家住在东城区幸福路18号幸福小区',
        '请问这种情况到底应该找哪个部门？',
        '网友您好！经核实',
        '感谢您对城市管理工作的关心和支持！',
      ],
      [],
    );
    expect(out.text.indexOf('我家住在')).toBeLessThan(out.text.indexOf('网友您好'));
  });

  it('drops forum chrome: author column, post actions, pager, reply box, footer', () => {
    expectAll(
      out.text,
      [],
      [
        '积分',
        '注册时间',
        '中级会员',
        '只看该作者',
        '发表于',
        '举报',
        '引用',
        '下一页',
        '返回列表',
        '登录后才可以回帖',
        'Discuz',
        'Powered',
        'ICP',
        '立即注册',
      ],
    );
  });

  it('cuts the forum and column names off the title', () => {
    expect(out.title).toBe('小区门口的路灯坏了一个多月没人修');
    expect(out.publishedAt).toBe('2023-09-18T20:41');
    expect(out.meta).toEqual({});
  });
});

describe('extractMainContent: regulation with articles and a table, GBK table layout', () => {
  // Served as GBK like the old county sites: decode first, as the ingest pipeline does.
  const decoded = decodeHtml(iconv.encode(fixture('regulation.html'), 'gbk'));
  const out = extractMainContent(decoded.text);

  it('keeps chapters, articles in order and table rows as tab-separated lines', () => {
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('第一章　总　则');
    const articles = lines.filter((l) => /^第[一二三四五六]条/.test(l)).map((l) => l.slice(0, 3));
    expect(articles).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条']);
    expectAll(
      out.text,
      [
        '第二章　水质与水压',
        '检测项目\t检测频次\t执行标准',
        '浑浊度、余氯\t每日不少于1次\tGB 5749-2022',
        '第三章　附　则',
      ],
      [],
    );
    expect(out.headings).toEqual(['第一章　总　则', '第二章　水质与水压', '第三章　附　则']);
  });

  it('drops the side menu, location bar, print/close, related articles and footer', () => {
    expectAll(
      out.text,
      [],
      [
        '网站首页',
        '规范性文件',
        '您现在的位置',
        '浏览次数',
        '打印',
        '关闭',
        '相关文章',
        '节约用水管理办法',
        '版权所有',
        '备案号',
        '网站标识码',
      ],
    );
    expect(out.title).toBe('某某市城市供水管理办法');
    expect(out.publishedAt).toBe('2021-06-30');
  });
});

describe('extractMainContent: CleanEval-wrapped page', () => {
  const html =
    '<text id="http://news.example.com/2005/0405/1.html" title="夫妻&gt;新闻" encoding="gb2312">\n' +
    '<html><head><title>标题被包装的新闻--示例新闻网</title></head><body>' +
    '<div class="nav"><a href="/">首页</a> | <a href="/gn">国内</a> | <a href="/gj">国际</a></div>' +
    '<p>据报道，这是一段足够长的新闻正文，用于检查包装元素不会影响正文抽取。记者在现场看到，群众秩序井然。</p>' +
    '<p>有关部门表示，将继续做好后续工作，确保各项措施落实到位，请市民关注官方发布的信息。</p>' +
    '</body></html>\n</text>';

  it('takes the URL from the wrapper and the title from the page', () => {
    const out = extractMainContent(html);
    expect(out.url).toBe('http://news.example.com/2005/0405/1.html');
    expect(out.title).toBe('标题被包装的新闻');
    expect(out.text.split('\n')).toHaveLength(2);
    expect(out.text).not.toContain('国际');
  });

  it('lets opts.url override the wrapper URL', () => {
    expect(extractMainContent(html, { url: 'https://example.org/x' }).url).toBe('https://example.org/x');
  });
});

describe('extractMainContent: preformatted text', () => {
  it('keeps the line breaks of <pre>', () => {
    const html =
      '<div class="nav"><a href="/">首页</a></div><div class="content"><p>以下为公告原文，请各单位认真阅读，并按要求及时报送材料。</p>' +
      '<pre>一、报送时间：即日起至5月31日。\n二、报送方式：通过政务服务网在线提交。</pre></div>';
    expect(extractMainContent(html).text.split('\n')).toEqual([
      '以下为公告原文，请各单位认真阅读，并按要求及时报送材料。',
      '一、报送时间：即日起至5月31日。',
      '二、报送方式：通过政务服务网在线提交。',
    ]);
  });
});

describe('extractMainContent: degenerate input', () => {
  it('returns empty text for an empty or link-only page', () => {
    expect(extractMainContent('').text).toBe('');
    expect(
      extractMainContent('<ul><li><a href="/a">首页</a></li><li><a href="/b">新闻</a></li></ul>').text,
    ).toBe('');
  });
});
