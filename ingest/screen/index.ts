/** Screening before indexing: classification marks (quarantine) and personal-data masking. */
export { screenDocument } from './classification-marks';
export type { ScreenInput, ScreenResult } from './classification-marks';
export { maskPersonalData, isValidIdCard, passesLuhn } from './personal-data';
export type { MaskCounts, MaskOptions, MaskResult } from './personal-data';
export { maskDocument } from './mask-document';
export type { MaskableDocument, MaskedDocument } from './mask-document';
