export { attachmentToText } from './attachment-to-text';
export type { AttachmentFormat, AttachmentText } from './attachment-to-text';
export { UnsupportedAttachmentError } from './errors';
export type { UnsupportedKind } from './errors';
export type { OcrProgress } from './scanned-text';
