import { describe, expect, it } from 'vitest';
import { htmlToText, safeHref, sanitizeHtml } from './sanitize-html';

describe('sanitizeHtml', () => {
  it('keeps structure and safe links, marks links to open safely', () => {
    expect(sanitizeHtml('<p>请携带<strong>身份证</strong>办理，详见<a href="https://www.gov.cn/x" title="办事指南">指南</a>。</p>')).toBe(
      '<p>请携带<strong>身份证</strong>办理，详见<a href="https://www.gov.cn/x" title="办事指南" rel="noopener noreferrer" target="_blank">指南</a>。</p>',
    );
    expect(sanitizeHtml('<ul><li>一</li><li>二</ul>')).toBe('<ul><li>一</li><li>二</li></ul>');
  });

  it('drops scripts, styles and frames with their content, and every event handler', () => {
    const dirty = '<p onclick="steal()">办理<script>alert(1)</script><style>p{}</style><iframe src="x">x</iframe></p><img src=x onerror=alert(1)>';
    expect(sanitizeHtml(dirty)).toBe('<p>办理</p>');
  });

  it('refuses javascript:, data: and obfuscated schemes in links', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\nscript:alert(1)', '&#106;avascript:alert(1)', 'data:text/html;base64,xx', 'vbscript:x']) {
      expect(sanitizeHtml(`<a href="${href}">x</a>`)).toBe('<a>x</a>');
      expect(safeHref(href)).toBeNull();
    }
    expect(safeHref('/bsfw/sbk.html')).toBe('/bsfw/sbk.html');
    expect(safeHref('tel:12345')).toBe('tel:12345');
  });

  it('escapes stray markup and attribute quotes, and closes what was left open', () => {
    expect(sanitizeHtml('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
    expect(sanitizeHtml('<a href=\'https://a.cn/?q="x"\'>q</a>')).toBe(
      '<a href="https://a.cn/?q=&quot;x&quot;" rel="noopener noreferrer" target="_blank">q</a>',
    );
    expect(sanitizeHtml('<p><em>未闭合')).toBe('<p><em>未闭合</em></p>');
    expect(sanitizeHtml('</div>文字<!-- 注释 --><![CDATA[x]]>')).toBe('文字');
  });

  it('is idempotent, so editing a stored answer does not change it', () => {
    const once = sanitizeHtml('<p>见<a href="https://a.cn">链接</a> &amp; <b>说明</b><br>下一行</p>');
    expect(sanitizeHtml(once)).toBe(once);
  });

  it('turns HTML into plain text with line breaks between blocks', () => {
    expect(htmlToText('<p>第一段&nbsp;内容</p><p>第二段<br>换行</p><ul><li>甲</li><li>乙</li></ul>')).toBe('第一段 内容\n第二段\n换行\n甲\n乙');
  });
});
