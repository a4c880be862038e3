import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { firstInvalidGb18030, firstInvalidUtf8, LineDecoder } from './index';

describe('LineDecoder: one charset per feed file, damaged lines named by byte', () => {
  it('reads a GBK file as GBK once its first non-ASCII line says so', () => {
    const d = new LineDecoder();
    expect(d.decode(Buffer.from('{"id":1}'), 0)).toEqual({ text: '{"id":1}' });
    expect(d.decode(iconv.encode('政府信息公开', 'gbk'), 9)).toEqual({ text: '政府信息公开' });
    expect(d.charset).toBe('gb18030');
  });

  it('rejects an invalid UTF-8 byte with its offset in the file, and GBK mixed into a UTF-8 file', () => {
    const d = new LineDecoder();
    expect(d.decode(Buffer.from('\uFEFF标题'), 0)).toEqual({ text: '标题' });
    const bad = d.decode(Buffer.concat([Buffer.from('ab'), Buffer.from([0xff])]), 100);
    expect(bad).toEqual({ error: expect.stringContaining('not valid UTF-8 at byte offset 102 of the file') });
    expect(d.decode(iconv.encode('通知公告', 'gbk'), 200)).toEqual({ error: expect.stringContaining('reads as GBK') });
  });

  it('finds the first byte that breaks each encoding', () => {
    expect(firstInvalidUtf8(Buffer.from('中文'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe4, 0xb8]))).toBe(1);
    expect(firstInvalidGb18030(iconv.encode('中文', 'gbk'))).toBe(-1);
    expect(firstInvalidGb18030(Buffer.from([0x41, 0xd6, 0x0a]))).toBe(1);
  });
});
