import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from './index';

const BODY_SIMPLIFIED =
  '<p>朱镕基同志在国务院常务会议上指出，要进一步做好政府信息公开工作。堃、喆、昇等字也要能正确显示。</p>';
const BODY_TRADITIONAL =
  '<p>這是一個關於政府資訊公開的說明頁面，請民眾多加利用網路服務，我們會認真處理每一則留言。</p>';

/** Title in characters both GBK and Big5 can encode. */
function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head>${head}<title>公告</title></head><body>${body}</body></html>`;
}

describe('decodeHtml', () => {
  it('uses the UTF-8 byte-order mark before anything else', () => {
    const html = page(BODY_SIMPLIFIED, '<meta charset="gbk">');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(html, 'utf8')]);
    const out = decodeHtml(bytes);
    expect(out).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(out.text).toBe(html);
  });

  it('decodes UTF-16LE with a byte-order mark', () => {
    const html = page(BODY_SIMPLIFIED);
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(html, 'utf-16le')]);
    expect(decodeHtml(bytes)).toMatchObject({ text: html, charset: 'utf-16le', source: 'bom' });
  });

  it('reads GBK declared by <meta http-equiv> as GB18030, keeping GBK-only characters', () => {
    const html = page(
      BODY_SIMPLIFIED,
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    );
    const out = decodeHtml(iconv.encode(html, 'gbk'));
    expect(out).toMatchObject({ charset: 'gb18030', source: 'meta', declared: 'gb2312' });
    expect(out.text).toBe(html);
    expect(out.text).toContain('朱镕基');
  });

  it('reads Big5 declared by <meta charset>', () => {
    const html = page(BODY_TRADITIONAL, '<meta charset="big5">');
    expect(decodeHtml(iconv.encode(html, 'big5'))).toMatchObject({
      text: html,
      charset: 'big5',
      source: 'meta',
    });
  });

  it('lets the HTTP header win over <meta>', () => {
    const html = page(BODY_SIMPLIFIED, '<meta charset="big5">');
    const out = decodeHtml(iconv.encode(html, 'gbk'), { contentTypeHeader: 'text/html; charset=GBK' });
    expect(out).toMatchObject({ text: html, charset: 'gb18030', source: 'header' });
  });

  it('uses the CleanEval wrapper encoding when the page has no <meta>', () => {
    const html = `<text id="http://www.example.gov.cn/a.html" title="测试" encoding="gb2312">\n${page(BODY_SIMPLIFIED)}\n</text>`;
    const out = decodeHtml(iconv.encode(html, 'gbk'));
    expect(out).toMatchObject({ text: html, charset: 'gb18030', source: 'wrapper' });
  });

  it('sniffs GBK and Big5 when nothing is declared', () => {
    const gb = page(BODY_SIMPLIFIED);
    const big5 = page(BODY_TRADITIONAL);
    expect(decodeHtml(iconv.encode(gb, 'gbk'))).toMatchObject({
      text: gb,
      charset: 'gb18030',
      source: 'sniff',
    });
    expect(decodeHtml(iconv.encode(big5, 'big5'))).toMatchObject({
      text: big5,
      charset: 'big5',
      source: 'sniff',
    });
  });

  it('sniffs UTF-8 and plain ASCII when nothing is declared', () => {
    const html = page(BODY_SIMPLIFIED);
    expect(decodeHtml(Buffer.from(html, 'utf8'))).toMatchObject({
      text: html,
      charset: 'utf-8',
      source: 'sniff',
    });
    expect(decodeHtml(Buffer.from(page('<p>hello</p>')))).toMatchObject({
      charset: 'utf-8',
      source: 'sniff',
    });
  });

  it('trusts valid UTF-8 over a stale gb2312 declaration (pages re-saved by a browser)', () => {
    const html = page(
      BODY_SIMPLIFIED,
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    );
    const out = decodeHtml(Buffer.from(html, 'utf8'));
    expect(out).toMatchObject({ text: html, charset: 'utf-8', source: 'sniff', declared: 'gb2312' });
  });

  it('trusts the bytes over a false UTF-8 declaration', () => {
    const html = page(BODY_SIMPLIFIED, '<meta charset="utf-8">');
    expect(decodeHtml(iconv.encode(html, 'gbk'))).toMatchObject({
      text: html,
      charset: 'gb18030',
      source: 'sniff',
    });
  });

  it('ignores a charset mentioned in a comment and unknown labels', () => {
    const html = page(BODY_SIMPLIFIED, '<!-- <meta charset="big5"> --><meta charset="x-unknown-charset">');
    expect(decodeHtml(iconv.encode(html, 'gbk'))).toMatchObject({
      text: html,
      charset: 'gb18030',
      source: 'sniff',
    });
  });

  it('keeps a UTF-8 page with one corrupted byte as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(page(BODY_SIMPLIFIED.repeat(5)), 'utf8'), Buffer.from([0xff])]);
    const out = decodeHtml(bytes);
    expect(out.charset).toBe('utf-8');
    expect(out.text).toContain('朱镕基同志');
  });
});
