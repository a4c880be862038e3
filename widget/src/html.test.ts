import { describe, expect, it } from 'vitest';
import { emOnly, escapeHtml, safeUrl } from './html';

describe('emOnly', () => {
  it('keeps the API\'s <em> highlights and character references', () => {
    expect(emOnly('<em>社会保障</em>卡 &lt;b&gt; &amp; &#12345; &quot;')).toBe('<em>社会保障</em>卡 &lt;b&gt; &amp; &#12345; &quot;');
  });

  it('escapes every other tag, attribute and stray character (an unopened </em> is dropped)', () => {
    expect(emOnly('<img src=x onerror=alert(1)><em class="x">a</em><script>b</script> & "c"'))
      .toBe('&lt;img src=x onerror=alert(1)&gt;&lt;em class=&quot;x&quot;&gt;a&lt;script&gt;b&lt;/script&gt; &amp; &quot;c&quot;');
    expect(emOnly('<EM>a</EM>')).toBe('&lt;EM&gt;a&lt;/EM&gt;');
  });

  it('balances <em>: drops a stray close, closes what is left open', () => {
    expect(emOnly('</em>a<em>b')).toBe('a<em>b</em>');
  });
});

describe('safeUrl and escapeHtml', () => {
  it('links http(s) only, and tel:/mailto: only where contacts are allowed', () => {
    expect(safeUrl('https://www.example-city.gov.cn/a?b=1')).toBe('https://www.example-city.gov.cn/a?b=1');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl('tel:12345')).toBeNull();
    expect(safeUrl('tel:12345', { contact: true })).toBe('tel:12345');
    expect(safeUrl(null)).toBeNull();
  });

  it('escapes text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
