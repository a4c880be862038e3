/**
 * Function words that say nothing about which document is meant. Kept short on purpose: query
 * term weighting (IDF) already discounts common words; this list only removes those that match
 * nearly every document, so the index never walks their postings.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 了 和 与 及 或 在 是 就 都 而 也 之 其 这 那 有 为 以 于 对 由 被 把 向 从 等 着 吧 呢 吗 啊 呀 哦 嘛 ' +
    '我 你 他 她 它 我们 你们 他们 请问 请 您好 你好 谢谢 一个 什么 怎么 怎么办 如何 哪些 哪里 多少 可以 能否 是否 ' +
    'the a an of to and or in on for is are'
  ).split(' '),
);
