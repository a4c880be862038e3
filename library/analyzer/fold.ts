import * as OpenCC from 'opencc-js';
import { foldWidth } from '../rules/width';

// Width folding is a platform rule (library/rules/width); the index form folds every full-width form.
export { foldWidth };

// Traditional → Simplified (mainland). Built once: the converter holds tries. OpenCC's 't' table
// already covers the Taiwan/Hong Kong variant characters citizens type (後, 裏, 綫, 著); chaining the
// 'hk' and 'tw' tables too tripled the cost of every ingest for no difference on our tests.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

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
