import { fetchPassageDocuments, findInterpretations } from '../../library/consultation';
import { interpretationsLinkedTo } from '../../library/documents';
import { NotFoundError } from '../../library/errors';
import type { Queryable } from '../../library/store';
import { documentUrl } from '../documents';
import { citationOf, type Citation } from './citations';
import { looksLikeInstruction } from './injection';
import { documentSentences } from './sentences';

export const INTERPRETATION_FIELDS = ['appliesTo', 'conditions', 'standards', 'procedure', 'deadlines', 'contact'] as const;
export type InterpretationField = (typeof INTERPRETATION_FIELDS)[number];

/** Field labels as a citizen reads them. */
export const FIELD_LABELS: Record<InterpretationField, string> = {
  appliesTo: '适用对象', conditions: '条件', standards: '标准', procedure: '流程', deadlines: '时限', contact: '咨询',
};

/**
 * Rules per field: cue words (one point each) and patterns that carry the field's substance, such as
 * an amount in 元 or a period in 个工作日 (two points). A sentence needs a cue or a pattern to count.
 */
/** Who a policy is for, as policies name them. */
const WHO = '职工|女职工|人员|居民|家庭|企业|个人|单位|学生|群众|老年人|残疾人|婴幼儿|毕业生|参保人|纳税人|市场主体|个体工商户';

const RULES: Record<InterpretationField, { cues: RegExp; strong?: RegExp }> = {
  appliesTo: {
    cues: /适用(?:于|范围|对象)|(?:申请|补贴|补助|资助|扶持|支持|救助|服务|奖励|保障|发放)对象|对象(?:为|是|包括)|面向|本(?:办法|规定|细则|通知|措施|方案)(?:适用|所称)/gu,
    // 凡…的; …的职工，; 对…婴幼儿; …人员可以申请
    strong: new RegExp(
      `凡[^，。；]{1,30}的|[^，。；]{0,24}的(?:${WHO})[，,]|(?:对|向)[^，。；]{0,20}(?:${WHO})|(?:${WHO})(?:可|均可|可以)(?:申请|享受|领取)`,
      'gu',
    ),
  },
  conditions: {
    cues: /条件|资格|(?:应当|须|需|必须)(?:具备|符合|满足|持有|提供)|符合[^，。；]{0,30}(?:的|者)|不得|未(?:享受|领取)/gu,
    strong: /(?:同时)?(?:具备|符合|满足)(?:以下|下列)(?:条件|情形)/gu,
  },
  standards: {
    cues: /标准|补贴|补助|奖励|额度|比例|上限|最高|不超过|不低于/gu,
    strong: /\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|％|倍|个月|平方米)/gu,
  },
  procedure: {
    cues: /流程|程序|步骤|申请|申报|提交|审核|审批|受理|登记|公示|办理|网上办|线上|窗口/gu,
    strong: /(?:第[一二三四五]步|[（(][一二三四五][)）])/gu,
  },
  deadlines: {
    cues: /期限|截止|有效期|之日起|逾期|时限|以前|之前|前完成/gu,
    strong: /\d+\s*个?(?:工作日|自然日|日内|天内)|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:前|起|至|以前)?/gu,
  },
  contact: {
    cues: /电话|咨询|联系人|联系方式|热线|邮箱|地址|传真/gu,
    // landlines, mobiles, and the five-digit 12xxx service hotlines (12345, 12333 人社, 12329 公积金…)
    strong: /\d{3,4}-\d{7,8}|(?<!\d)12\d{3}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)/gu,
  },
};

/** Most sentences shown per field, and the longest sentence shown. */
const PER_FIELD = 3;
const MAX_SENTENCE_CHARS = 200;

export interface InterpretationItem {
  text: string;
  /** Position of the sentence in the document (for linking to it). */
  sentence: number;
}

export interface PolicyInterpretation {
  document: Citation;
  /** False when the document is not a policy document (政策文件): the reading may be thin. */
  isPolicy: boolean;
  fields: Record<InterpretationField, { label: string; items: InterpretationItem[] }>;
  /** Official interpretations (政策解读): linked at ingest, or naming this policy by title or 文号. */
  /** url: what opens each (retrieval/documents `documentUrl`). */
  interpretations: Array<{ id: string; title: string; url: string; publishedAt: string | null }>;
  notice: string;
}

function count(re: RegExp | undefined, text: string): number {
  if (!re) return 0;
  re.lastIndex = 0;
  return [...text.matchAll(re)].length;
}

/** Strings that name the policy in other documents: 《title》, its core title, its 文号 in bracket variants. */
function needles(title: string, docNumber: string | null): string[] {
  const out = [`《${title}》`];
  const core = /关于(?:印发|转发)?《?(.+?)》?的(?:通知|意见|决定|批复)$/u.exec(title)?.[1];
  if (core && core.length >= 6) out.push(core);
  const m = docNumber ? /^(.*?)[〔[(（【]\s*(\d{4})\s*[〕\])）】]\s*(\d+)\s*号$/u.exec(docNumber.trim()) : null;
  if (m) for (const [a, b] of [['〔', '〕'], ['[', ']'], ['（', '）'], ['(', ')'], ['【', '】']]) out.push(`${m[1]}${a}${m[2]}${b}${m[3]}号`);
  else if (docNumber) out.push(docNumber.trim());
  return [...new Set(out)];
}

/**
 * A structured reading of a policy document by rules: who it applies to, conditions, amounts and
 * standards, procedure, deadlines and contact, each with the sentences that say so, plus the
 * official interpretations that name it. Quotes only; never rephrases the policy.
 */
export async function interpretPolicy(db: Queryable, externalId: string, publicBase?: string): Promise<PolicyInterpretation> {
  const doc = (await fetchPassageDocuments(db, [externalId])).get(externalId);
  if (!doc) throw new NotFoundError(`no document "${externalId}" in the library (or it was withdrawn)`);
  const fields = Object.fromEntries(INTERPRETATION_FIELDS.map((f) => [f, { label: FIELD_LABELS[f], items: [] as InterpretationItem[] }])) as PolicyInterpretation['fields'];
  const scored: Record<InterpretationField, Array<{ score: number; item: InterpretationItem }>> = {
    appliesTo: [], conditions: [], standards: [], procedure: [], deadlines: [], contact: [],
  };
  for (const s of documentSentences(doc.chunks)) {
    if (looksLikeInstruction(s.text) || s.text.length < 6) continue;
    for (const f of INTERPRETATION_FIELDS) {
      const strong = count(RULES[f].strong, s.text);
      const score = count(RULES[f].cues, s.text) + 2 * strong;
      // Amounts, deadlines and contacts are only worth showing with the figure itself.
      if (score === 0 || ((f === 'standards' || f === 'deadlines' || f === 'contact') && strong === 0)) continue;
      const text = s.text.length > MAX_SENTENCE_CHARS ? `${s.text.slice(0, MAX_SENTENCE_CHARS - 1)}…` : s.text;
      scored[f].push({ score, item: { text, sentence: s.index } });
    }
  }
  for (const f of INTERPRETATION_FIELDS) {
    fields[f].items = scored[f]
      .sort((a, b) => b.score - a.score || a.item.sentence - b.item.sentence)
      .slice(0, PER_FIELD)
      .map((x) => x.item)
      .sort((a, b) => a.sentence - b.sentence);
  }
  const linked = await interpretationsLinkedTo(db, [doc.id]);
  const interpretations = await findInterpretations(db, externalId, needles(doc.title, doc.docNumber), linked);
  const document = citationOf(doc, 1, publicBase);
  return {
    document,
    isPolicy: doc.infoType === '政策文件',
    fields,
    interpretations: interpretations.map((i) => ({ id: i.externalId, title: i.title, url: documentUrl(i, publicBase), publishedAt: i.publishedAt })),
    notice: document.current
      ? '以下内容摘自原文，供参考；以原文及官方解读为准。'
      : `该文件${document.label ?? '已失效'}，以下内容仅供查阅历史规定，不作为现行政策。`,
  };
}
