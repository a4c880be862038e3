/**
 * 信息类别 by rules over the title, the opening of the body and the site's hints. Ordered: the
 * first rule that fires wins, most specific first (a 解读 of a 通知 is a 解读, not a 通知).
 * Confidences are the rule's precision class, not calibrated probabilities: 0.9 for a title
 * keyword plus structure, 0.8 for a title keyword, 0.6 for weaker evidence, 0.4 for the fallback.
 */
import type { InfoType } from '../../library/model/document';
import { INFO_TYPES } from '../../library/model/document';
import { findOwnDocNumber } from '../metadata';

export interface InfoTypeInput {
  title: string;
  body: string;
  hints?: {
    /** 栏目 path or name, e.g. "政务公开/政策解读". */
    column?: string | null;
    /** The document's own 文号, if metadata extraction found one. */
    docNumber?: string | null;
    /** A category the source already gave (trusted when it is one of INFO_TYPES). */
    category?: string | null;
  };
}

export interface InfoTypeResult {
  infoType: InfoType;
  confidence: number;
}

const INTERPRETATION = /解读|答记者问|一图读懂|图解|政策问答|热点问答/u;
const INTERACTION =
  /留言|网友|答复|回复|信箱|在线访谈|咨询回复|来信|问政|建议的(?:答复|办理)|提案的(?:答复|办理)/u;
const INTERACTION_BODY =
  /^(?:网友|尊敬的|您好)|您(?:在|于).{0,20}(?:留言|来信)|留言(?:已)?收悉|来信(?:已)?收悉/u;
const GUIDE = /办事指南|服务指南|办理指南|办理流程|办事流程|申请材料|如何办理|怎么办理|办理须知|申报指南/u;
const GUIDE_BODY =
  /申请材料|办理流程|受理条件|办理时限|承诺时限|办理地点|受理地点|收费标准|设定依据|办理对象|申请条件/gu;
/** Title endings, tested on the title without a trailing bracket or number ("…的通告 2020年第2号"). */
const ANNOUNCEMENT = /(?:公告|公示|通告|启事|公报)$/u;
const POLICY_FORM =
  /通知|意见|办法|规定|决定|条例|细则|规划|方案|措施|规则|批复|规范|标准|指引|实施|纲要|令|法$|法（|公告|解释|安排|守则|准则|章程|法典/u;
/** A title that ENDS with a normative form is a policy text even without a 文号 (laws, 司法解释, 若干措施). */
const NORMATIVE_END =
  /(?:意见|办法|规定|决定|条例|细则|规划|方案|措施|规则|批复|规范|指引|纲要|解释|安排|守则|准则|章程|法|法典·.{1,8}编|法典)$/u;
const LAW_BODY = /^第一条|\n第一条|第一章\s*总\s*则/u;
const NOTICE = /通知$/u;

const COLUMN_RULES: Array<[RegExp, InfoType]> = [
  [/解读/u, '政策解读'],
  [/互动|留言|信箱|问政|咨询|访谈/u, '互动交流'],
  [/办事|服务指南|办件/u, '办事指南'],
  [/公告|公示|通知/u, '通知公告'],
  [/政策文件|文件|法规|规章|规范性/u, '政策文件'],
  [/新闻|动态|要闻|工作|信息/u, '新闻动态'],
];

function isInfoType(value: string | null | undefined): value is InfoType {
  return (INFO_TYPES as readonly string[]).includes(value ?? '');
}

export function classifyInfoType(input: InfoTypeInput): InfoTypeResult {
  const title = input.title.trim();
  const titleEnd = title.replace(/(?:\s*[（(【[][^）)】\]]*[）)】\]]|\s+\S{0,12}号)+$/u, '');
  const opening = input.body.slice(0, 600);
  const hints = input.hints ?? {};
  if (isInfoType(hints.category)) return { infoType: hints.category, confidence: 0.95 };
  const result = (infoType: InfoType, confidence: number): InfoTypeResult => ({ infoType, confidence });

  if (INTERPRETATION.test(title)) return result('政策解读', 0.9);
  if (INTERACTION.test(title)) return result('互动交流', INTERACTION_BODY.test(opening) ? 0.95 : 0.8);
  if (INTERACTION_BODY.test(opening.trimStart())) return result('互动交流', 0.7);
  if (GUIDE.test(title)) return result('办事指南', 0.9);

  const own = hints.docNumber ?? findOwnDocNumber(title, input.body)?.raw ?? null;
  const announcementNumber = own !== null && /公告/u.test(own);
  if (ANNOUNCEMENT.test(titleEnd) && !announcementNumber) return result('通知公告', 0.85);
  if (POLICY_FORM.test(title) && own !== null) return result('政策文件', 0.9);
  if (POLICY_FORM.test(title) && LAW_BODY.test(input.body.slice(0, 2000))) return result('政策文件', 0.85);
  if (NORMATIVE_END.test(titleEnd)) return result('政策文件', 0.7);
  if (NOTICE.test(titleEnd)) return result('通知公告', 0.6);
  if ((opening.match(GUIDE_BODY) ?? []).length >= 3) return result('办事指南', 0.7);

  for (const [re, infoType] of COLUMN_RULES)
    if (hints.column && re.test(hints.column)) return result(infoType, 0.6);
  return result('新闻动态', 0.4);
}
