import { ZhiwenError } from '../../library/errors';

/** An OpenAI-compatible chat endpoint (any vendor or a local server). */
export interface LlmConfig {
  /** e.g. https://api.example.com/v1 — the client appends /chat/completions. */
  baseUrl: string;
  model: string;
  apiKey: string;
  /** Longest wait for a whole answer before falling back to the extractive one. Default 20 s. */
  timeoutMs: number;
}

/**
 * The LLM settings from ZHIWEN_LLM_BASE_URL, ZHIWEN_LLM_MODEL, ZHIWEN_LLM_API_KEY (optional for local
 * servers) and ZHIWEN_LLM_TIMEOUT_MS; null when no LLM is configured (answers stay extractive).
 */
export function readLlmConfig(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const baseUrl = env.ZHIWEN_LLM_BASE_URL?.trim();
  const model = env.ZHIWEN_LLM_MODEL?.trim();
  if (!baseUrl && !model) return null;
  if (!baseUrl || !model) {
    throw new ZhiwenError(
      'LLM_CONFIG',
      `set both ZHIWEN_LLM_BASE_URL and ZHIWEN_LLM_MODEL (got ${baseUrl ? 'only the URL' : 'only the model'}), or neither for extractive answers`,
    );
  }
  try {
    new URL(baseUrl);
  } catch {
    throw new ZhiwenError('LLM_CONFIG', `ZHIWEN_LLM_BASE_URL is not a URL: "${baseUrl}"`);
  }
  const timeoutMs = Number(env.ZHIWEN_LLM_TIMEOUT_MS ?? 20_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs < 100) {
    throw new ZhiwenError('LLM_CONFIG', `ZHIWEN_LLM_TIMEOUT_MS must be a number of milliseconds ≥ 100, got "${env.ZHIWEN_LLM_TIMEOUT_MS}"`);
  }
  return { baseUrl, model, apiKey: env.ZHIWEN_LLM_API_KEY?.trim() || 'not-needed', timeoutMs };
}
