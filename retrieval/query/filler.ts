/**
 * Conversational words that say nothing about which document is meant ("我想问一下我家孩子…需要准备什么"):
 * dropped from a query's terms unless nothing else is left. The analyzer's stopwords (的, 什么, 怎么…)
 * are already gone; this list adds what citizens type around their question. Kept to pure conversation:
 * words that name a matter (材料, 办理, 补贴, 孩子) stay, and IDF weighs them.
 */
export const QUERY_FILLER: ReadonlySet<string> = new Set(
  (
    '想 想问 问 问一下 一下 我想 我家 我们家 家里 咨询一下 想咨询 想知道 知道 告诉 告诉我 麻烦 帮忙 帮我 ' +
    '需要 准备 应该 应当 现在 目前 如果 的话 有没有 能不能 可不可以 是不是 要不要 会不会 这个 那个 哪个 ' +
    '一些 还是 然后 因为 所以 为什么 怎样 怎么样 谁 哪儿 去哪 去哪里 多久 一般 大概 具体 谢谢您 您好 领导 ' +
    '急 急急 在线等 求助 求问 请教 ' +
    '呢 啊 吧 哈 嗯 哦'
  ).split(' '),
);

export function isFiller(token: string): boolean {
  return QUERY_FILLER.has(token);
}
