import type { BaseMessage } from '@langchain/core/messages';
import type { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from './config';

export interface ChatPrompt {
  system: string;
  user: string;
}

/** The one thing answers need of a chat model: a completion, whole or streamed. */
export interface ChatModel {
  complete(prompt: ChatPrompt, signal: AbortSignal): Promise<string>;
  stream(prompt: ChatPrompt, signal: AbortSignal): AsyncIterable<string>;
}

const text = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('')
      : '';

/**
 * LangChain's ChatOpenAI against any OpenAI-compatible endpoint; no retries (we fall back instead).
 * LangChain (~70 MiB) loads on the first call, so a service with no LLM configured never loads it.
 */
export function createOpenAiChat(config: LlmConfig): ChatModel {
  let loaded: Promise<{ model: ChatOpenAI; messages: (p: ChatPrompt) => BaseMessage[] }> | null = null;
  const load = () => (loaded ??= (async () => {
    const [openai, { HumanMessage, SystemMessage }] = await Promise.all([import('@langchain/openai'), import('@langchain/core/messages')]);
    const model = new openai.ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    configuration: { baseURL: config.baseUrl },
    temperature: 0,
    maxRetries: 0,
    timeout: config.timeoutMs,
    streamUsage: false,
    });
    return { model, messages: (p: ChatPrompt) => [new SystemMessage(p.system), new HumanMessage(p.user)] };
  })());
  return {
    async complete(prompt, signal) {
      const { model, messages } = await load();
      const reply = await model.invoke(messages(prompt), { signal });
      return text(reply.content);
    },
    async *stream(prompt, signal) {
      const { model, messages } = await load();
      for await (const chunk of await model.stream(messages(prompt), { signal })) {
        const piece = text(chunk.content);
        if (piece) yield piece;
      }
    },
  };
}
