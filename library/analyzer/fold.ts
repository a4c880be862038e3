import * as OpenCC from 'opencc-js';

// Traditional → Simplified (mainland). Built once: the converter holds tries. OpenCC's 't' table
// already covers the Taiwan/Hong Kong variant characters citizens type (後, 裏, 綫, 著); chaining the
// 'hk' and 'tw' tables too tripled the cost of every ingest for no difference on our tests.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Full-width ASCII (Ａ-Ｚ, ０-９, ！-～) and the ideographic space to their half-width forms.
 * Chinese punctuation such as ，。《》〔〕 is kept: it carries meaning (titles, 文号).
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Traditional → Simplified, covering Taiwan and Hong Kong variant characters too. */
export function toSimplifiedChinese(text: string): string {
  // Plain ASCII needs no conversion; skipping it keeps the hot path cheap for pinyin queries.
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return text;
  return toSimplified(text);
}

/** The index form of a text: what the analyzer segments. The original is kept for display. */
export function indexForm(text: string): string {
  return toSimplifiedChinese(foldWidth(text.normalize('NFC'))).toLowerCase();
}
