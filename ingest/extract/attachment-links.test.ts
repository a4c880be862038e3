import { describe, expect, it } from 'vitest';
import { attachmentLinks, MAX_ATTACHMENT_LINKS } from './attachment-links';

describe('attachmentLinks', () => {
  it('finds a page\'s 附件 by format, resolved against the page (and <base>), with their link text, once each', () => {
    const html = `<base href="http://gov.example/zcwj/"><p>附件：<a href="files/1.pdf">附件1：<b>申请表</b></a>
      <a href='http://cdn.example/2.DOCX#p2'>附件2</a> <a href="files/1.pdf">again</a>
      <a href="/news/3.html">通知</a> <a href="javascript:alert(1).pdf">x</a> <a href="%E5%90%8D%E5%8D%95.xls"></a>
      <!-- <a href="hidden.pdf">hidden</a> --></p>`;
    expect(attachmentLinks(html, 'http://gov.example/zcwj/notice.html')).toEqual([
      { url: 'http://gov.example/zcwj/files/1.pdf', title: '附件1：申请表' },
      { url: 'http://cdn.example/2.DOCX', title: '附件2' },
      { url: 'http://gov.example/zcwj/%E5%90%8D%E5%8D%95.xls', title: '名单.xls' },
    ]);
  });

  it('resolves only absolute links on a page without an address, and stops at a list page\'s worth', () => {
    expect(attachmentLinks('<a href="a.pdf">相对</a><a href="https://x.example/b.ofd">绝对</a>', null)).toEqual([
      { url: 'https://x.example/b.ofd', title: '绝对' },
    ]);
    const many = Array.from({ length: 80 }, (_, i) => `<a href="/f/${i}.pdf">文件${i}</a>`).join('');
    expect(attachmentLinks(many, 'http://gov.example/')).toHaveLength(MAX_ATTACHMENT_LINKS);
  });
});
