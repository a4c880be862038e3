export { DEFAULT_INPUT_LIMITS, describeBytes, inputLimitsFromEnv, limitVariable, maxRecordBytes, resolveInputLimits } from './input-limits';
export type { InputLimits } from './input-limits';
