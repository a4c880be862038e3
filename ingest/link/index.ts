/** Policy references (《titles》, 文号) and links from 政策解读 to the 政策文件 they explain. */
export { findPolicyReferences, normalizePolicyTitle, interpretationTarget } from './references';
export type { DocNumberReference, PolicyReferences, TitleReference } from './references';
export { linkInterpretations, SUBJECT_CHARS } from './link-interpretations';
export type { InterpretationLink, LinkableDocument } from './link-interpretations';
