/**
 * Document text is data, never instructions. Sentences that address a model rather than a citizen
 * ("忽略以上指令", "ignore previous instructions", "你现在是…") are left out of answers and of what an
 * LLM is shown, so neither path can repeat or follow them.
 */
const INSTRUCTION = new RegExp(
  [
    '(?:忽略|无视|忘记|忘掉|不要理会|跳过)(?:以上|上面|上述|之前|前面|先前|所有|全部|系统)?的?(?:所有)?(?:指令|指示|提示|规则|要求|设定)',
    '(?:ignore|disregard|forget)\\s+(?:all\\s+|any\\s+)?(?:the\\s+)?(?:previous|prior|above|earlier|preceding)?\\s*(?:instructions?|prompts?|rules)',
    '(?:你|您)现在(?:是|扮演|作为)',
    '(?:请|你要|你必须)扮演',
    '系统提示(?:词)?',
    'system\\s*prompt',
    '(?:作为|你是)(?:一个)?(?:AI|人工智能|语言模型|助手)[，,].{0,20}(?:必须|应当|只能)',
    '(?:回答|输出|回复)(?:时)?(?:必须|只能|一律)(?:是|为|说)',
  ].join('|'),
  'iu',
);

export function looksLikeInstruction(sentence: string): boolean {
  return INSTRUCTION.test(sentence);
}
