import { analyze, indexForm } from '../../library/analyzer';

/**
 * What a question asks for. The answer to "多少" holds a figure, to "什么时候" a date or a period, to
 * "去哪里" a place or a channel: the sentence that answers is the one carrying that, not the one that
 * only repeats the question's words.
 */
export const QUESTION_KINDS = [
  'contact', 'amount', 'deadline', 'where', 'materials', 'who', 'condition', 'what-is', 'yes-no', 'procedure', 'other',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** How each kind is asked, tried in QUESTION_KINDS order (the first that matches wins). */
const ASKS: Record<Exclude<QuestionKind, 'other'>, RegExp> = {
  contact: /电话|热线|联系方式|联系人|邮箱|咨询方式|怎么联系|如何联系/u,
  amount: /多少|几[个次项条名家人万倍元年月天日]?|金额|额度|比例|标准是|补贴标准|最高|上限|费用|收费|价格/u,
  deadline: /什么时候|什么时间|何时|多久|多长时间|多长|期限|截止|哪天|几号|时限|有效期|日期|开始实施|施行/u,
  where: /哪里|在哪|哪儿|何处|什么地方|地点|地址|去哪|到哪|哪个(?:部门|窗口|网站|平台)|什么(?:平台|渠道|网站)|通过什么/u,
  materials: /材料|证件|资料|手续|带什么|准备什么|提供什么|提交什么|需要什么/u,
  who: /谁|哪些人|什么人|哪类人|对象|哪些(?:群体|单位|企业|人员|地区)|哪(?:个|家)(?:单位|企业|医院|机构)/u,
  condition: /条件|资格|符合|什么情况|哪些情况|什么情形|哪些情形|能不能|可不可以|是否可以|可以.{0,12}吗/u,
  'what-is': /是什么|什么是|指什么|是指|含义|定义|意思|内容/u,
  'yes-no': /吗[？?]?$|是否|能否|可否|有没有|需不需要|要不要/u,
  procedure: /怎么|如何|怎样|流程|程序|步骤|办法|做法|措施|办理|申请|申领/u,
};

/** The kind a question asks (the first of QUESTION_KINDS whose wording it uses), else 'other'. */
export function questionKind(question: string): QuestionKind {
  const q = indexForm(question).trim();
  for (const kind of QUESTION_KINDS) if (kind !== 'other' && ASKS[kind].test(q)) return kind;
  return 'other';
}

const NUMBER = '[\\d０-９一二三四五六七八九十百千万两半]+(?:\\.\\d+)?';

/** What a sentence that answers each kind carries. */
const CARRIES: Record<QuestionKind, RegExp | null> = {
  contact: /\d{3,4}[-—－]\d{7,8}|(?<!\d)12\d{3}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|电话|热线|邮箱|@/u,
  amount: new RegExp(`${NUMBER}\\s*(?:万元|亿元|元|%|％|倍|个百分点|条|项|名|人|家|个|次|万|户|套|吨|平方米|年|个月|天)|减半|全额|免(?:征|收|费)`, 'u'),
  deadline: new RegExp(`\\d{4}\\s*年|${NUMBER}\\s*月\\s*${NUMBER}\\s*日|${NUMBER}\\s*个?(?:工作日|自然日|日|天|周|个月|月|年)(?:内|以内|之内)?|之日起|期间|以前|截止|延长|延期|暂停|恢复`, 'u'),
  where: /窗口|大厅|服务中心|中心|网站|网址|平台|APP|app|客户端|公众号|小程序|地址|[路街道]\d+号|(?:到|向|在|通过|登录)[^，。；]{1,20}(?:办理|申请|提交|申报|查询|咨询)/u,
  materials: /身份证|户口簿|证明|材料|复印件|原件|申请表|证件|合同|照片|营业执照|凭证/u,
  who: /人员|职工|居民|企业|单位|家庭|个人|对象|群众|学生|患者|老年人|纳税人|参保人|医院|机构/u,
  condition: /符合|条件|满足|具备|凡|[^，。；]{2,}的[，,]|(?:可以|可|均可|不得|不能|无需|需|须)/u,
  'what-is': /是指|指的是|即|包括|分为|主要(?:是|有)|为[：:]/u,
  'yes-no': /可以|可|不得|不能|不予|无需|应当|须|允许|暂停|免|不再|予以|准予|视同/u,
  procedure: /通过|登录|到|向|提交|办理|申请|申报|拨打|填写|审核|受理|采取|实行|实施|开展|建立|加强/u,
  other: null,
};

/** Whether a sentence carries what a question of this kind asks for. */
export function carriesAnswer(kind: QuestionKind, sentence: string): boolean {
  return CARRIES[kind]?.test(sentence) ?? false;
}

/**
 * Words that only say how the question is asked (多久, 什么, 吗): no sentence holds them as content,
 * so they are left out of the terms an answer sentence is scored on.
 */
const ASKING_WORDS = new Set(
  ('多少 多久 多长 什么 哪些 哪个 哪里 哪儿 在哪 如何 怎么 怎样 怎么办 为什么 是否 能否 可否 吗 呢 么 啊 请问 有没有 ' +
    '能不能 可不可以 何时 何 谁 几 时候').split(' '),
);

export function isAskingWord(term: string): boolean {
  return ASKING_WORDS.has(term);
}

/**
 * The question's distinct CJK character pairs, its asking words taken out: they catch what a word
 * segmenter splits differently in the question and in the text (扩建/扩大, 缓缴/缓缴纳).
 */
export function questionBigrams(question: string): string[] {
  let q = indexForm(question);
  for (const w of [...ASKING_WORDS].sort((a, b) => b.length - a.length)) q = q.split(w).join(' ');
  const out = new Set<string>();
  for (const run of q.match(/[\u4e00-\u9fff]{2,}/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return [...out];
}

/** Weight of a word retrieval added to the question (a synonym or the official word), relative to the question's own. */
export const EXPANSION_WEIGHT = 0.5;

/**
 * A question as the extractive scorer reads it: its terms (asking words left out) with IDF, its
 * character pairs, its kind. `expansions` are the words retrieval added (synonyms, official words):
 * one sharing a character with a question term stands for it, so a question saying 二胎 finds the
 * sentence saying 二孩; the rest count at EXPANSION_WEIGHT.
 */
export function readQuestion(
  question: string, idf: (term: string) => number, expansions: readonly string[] = [],
): { terms: Array<{ term: string; idf: number; alternatives?: string[] }>; bigrams: string[]; kind: QuestionKind } {
  const text = question.slice(0, 200);
  const own = [...new Set(analyze(text))].filter((t) => !isAskingWord(t));
  const added = [...new Set(expansions.flatMap((e) => analyze(e)))].filter((t) => !own.includes(t) && !isAskingWord(t));
  // An expansion sharing a character with a question term stands for it (二孩 for 二胎 and 生二胎);
  // the others are terms of their own at EXPANSION_WEIGHT.
  const sharesCharacter = (a: string, b: string) => [...a].some((c) => /[\u4e00-\u9fff]/u.test(c) && b.includes(c));
  const attached = new Set<string>();
  const terms: Array<{ term: string; idf: number; alternatives?: string[] }> = own.map((term) => {
    const alternatives = added.filter((a) => term.length >= 2 && sharesCharacter(a, term));
    alternatives.forEach((a) => attached.add(a));
    return { term, idf: idf(term), ...(alternatives.length ? { alternatives } : {}) };
  });
  for (const term of added) if (!attached.has(term)) terms.push({ term, idf: idf(term) * EXPANSION_WEIGHT });
  return { terms, bigrams: questionBigrams(text), kind: questionKind(text) };
}
