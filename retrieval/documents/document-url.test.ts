import { describe, expect, it } from 'vitest';
import { documentUrl, httpUrl, parseDocumentPageId } from './index';

describe('documentUrl: the URL that opens a document', () => {
  it('is the source when it is http(s), else the page under the public base', () => {
    expect(documentUrl({ id: 7, url: 'https://www.example.gov.cn/a.html' }, 'https://zhiwen.example')).toBe('https://www.example.gov.cn/a.html');
    expect(documentUrl({ id: 7, url: null }, 'https://zhiwen.example')).toBe('https://zhiwen.example/d/7');
    expect(documentUrl({ id: 7, url: null })).toBe('/d/7');
  });

  it('never passes on another scheme, a relative or a malformed URL', () => {
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', '\tjava\nscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'ftp://x.cn/a', '//evil.example/x', '/d/1', 'http://', '']) {
      expect(httpUrl(bad), bad).toBeNull();
      expect(documentUrl({ id: 3, url: bad }, 'https://zhiwen.example'), bad).toBe('https://zhiwen.example/d/3');
    }
  });

  it('reads a page id of 1 to 15 digits only', () => {
    expect(parseDocumentPageId('123')).toBe(123);
    for (const bad of ['0', '012', '-1', '1e3', '1.0', ' 1', 'abc', '1234567890123456', '']) expect(parseDocumentPageId(bad), bad).toBeNull();
  });
});
