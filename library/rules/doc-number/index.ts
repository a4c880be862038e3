/** 文号: one grammar, one structured key, one canonical text (see grammar.ts and key.ts). */
export { findDocNumbers, docNumberKey } from './grammar';
export type { DocNumberMatch } from './grammar';
export { formatDocNumberKey, DOC_NUMBER_KEY_VERSION } from './key';
export type { DocNumberKey, DocNumberKind } from './key';
export { rekeyDocNumbers, rekey, legacyKeyText, DOC_NUMBER_KEY_VERSION_KEY } from './rekey';
export type { RekeyResult } from './rekey';
