/**
 * Charset labels → the decoder name we hand to iconv-lite.
 * GB2312 and GBK are subsets of GB18030, so every GB label decodes as GB18030: pages labelled
 * gb2312 routinely contain GBK-only characters (e.g. 镕, 堃) that a strict GB2312 decoder loses.
 */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'euc-cn': 'gb18030',
  csgb2312: 'gb18030',
  'iso-ir-58': 'gb18030',
  chinese: 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  big5hkscs: 'big5',
  'cn-big5': 'big5',
  'x-x-big5': 'big5',
  cp950: 'big5',
  // WHATWG: latin1/ascii labels mean windows-1252.
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'windows-1252': 'windows-1252',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Canonical decoder name for a declared label, or null when we do not know the label. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  return ALIASES[key] ?? null;
}

/** True for the Chinese multi-byte legacy charsets a browser-saved page may wrongly declare. */
export function isLegacyCjk(charset: string): boolean {
  return charset === 'gb18030' || charset === 'big5';
}
