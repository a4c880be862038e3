import { analyze } from '../../library/analyzer';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** Follow-ups lean on the previous question: they open with a connective or pronoun. */
const FOLLOW_UP = /^(?:那么?|那个|还有|还要|还需|另外|此外|然后|如果|要是|这个|这|它|其|该|同样|以及|并且)/u;
/**
 * Words that ask about a matter without naming it (materials, time, cost, place, procedure): a question
 * made only of these is a follow-up. A question naming anything else (公积金, 护照) stands on its own.
 */
const GENERIC = new Set(
  ('需要 要 带 准备 材料 资料 证件 手续 证明 多久 多长 时间 几天 期限 时限 费用 收费 多少 多少钱 钱 免费 地点 地址 哪里 哪儿 ' +
    '在哪 去 办 办理 流程 程序 步骤 条件 要求 标准 电话 网上 线上 本人 代办 委托 能 可 吗 呢 还 也 都 ' +
    '几 个 次 一下 现在 今天 周末 上班 下班 预约').split(' '),
);
/** Terms carried over from the previous question. */
const CARRIED_TERMS = 3;

/**
 * Short multi-turn: a follow-up such as "那需要什么材料" after "怎么办理社保卡" becomes
 * "办理社保卡 需要什么材料": the previous question's rarest terms (by library IDF) that the follow-up
 * lacks, in their original order, before the follow-up without its connective.
 */
export function rewriteFollowUp(
  question: string, history: readonly Turn[], idf: (term: string) => number,
): { question: string; rewritten: boolean } {
  const previous = [...history].reverse().find((t) => t.role === 'user' && t.content.trim())?.content.trim();
  const q = question.trim();
  if (!previous || previous === q) return { question: q, rewritten: false };
  const own = analyze(q);
  const prevTokens = analyze(previous.slice(0, 200));
  if (!FOLLOW_UP.test(q) && !own.every((t) => GENERIC.has(t))) return { question: q, rewritten: false };
  const candidates = [...new Set(prevTokens)].filter((t) => !own.includes(t)).sort((a, b) => idf(b) - idf(a));
  const chosen: string[] = [];
  for (const t of candidates) {
    if (chosen.length >= CARRIED_TERMS) break;
    // 社保卡 carries 社保 with it; one of them is enough.
    if (chosen.some((c) => c.includes(t) || t.includes(c))) continue;
    chosen.push(t);
  }
  if (chosen.length === 0) return { question: q, rewritten: false };
  const ordered = chosen.sort((a, b) => previous.indexOf(a) - previous.indexOf(b));
  const rest = q.replace(FOLLOW_UP, '').trim() || q;
  return { question: `${ordered.join('')} ${rest}`, rewritten: true };
}
