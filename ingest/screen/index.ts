/** Screening before indexing: classification marks (quarantine) and personal-data masking. */
export { screenDocument } from './classification-marks';
export type { ScreenInput, ScreenResult } from './classification-marks';
export { maskPersonalData, isValidIdCard, passesLuhn } from './personal-data';
export type { MaskCounts, MaskResult } from './personal-data';
