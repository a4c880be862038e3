import type { Db } from '../../library/store';
import type { FaqService } from '../faq';
import { createOpenAiChat, GroundedGenerator, readLlmConfig } from '../llm';
import type { SearchService } from '../search';
import { AnswerService } from './answer-service';

/**
 * The answer service as configured by the environment: the grounded LLM when ZHIWEN_LLM_BASE_URL and
 * ZHIWEN_LLM_MODEL are set (else extractive answers), the 留言 link from ZHIWEN_MESSAGE_BOARD_URL.
 */
export function answerServiceFromEnv(
  deps: { db: Db; search: SearchService; faqs: FaqService }, env: NodeJS.ProcessEnv = process.env,
): { service: AnswerService; llm: string | null } {
  const config = readLlmConfig(env);
  const llm = config ? new GroundedGenerator(createOpenAiChat(config), config.timeoutMs) : null;
  const service = new AnswerService(deps, { llm, messageBoardUrl: env.ZHIWEN_MESSAGE_BOARD_URL || null });
  return { service, llm: config ? `${config.model} at ${config.baseUrl}` : null };
}
