// What the consultation knowledge-base routes answer (api/routes/faqs.ts, library/consultation/types.ts).

export type FaqStatus = 'draft' | 'pending_review' | 'published' | 'retired';
export type FaqScope = 'site' | 'region' | 'platform';

export interface FaqEntry {
  id: number;
  question: string;
  alternatives: string[];
  answerHtml: string;
  answerText: string;
  scope: FaqScope;
  siteCode: string | null;
  regionCode: string | null;
  category: string | null;
  effectiveFrom: string | null;
  expiresOn: string | null;
  relatedDocuments: string[];
  status: FaqStatus;
  version: number;
  author: string;
  lastEditor: string;
  reviewer: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FaqAction = 'create' | 'update' | 'submit' | 'approve' | 'reject' | 'retire' | 'revise' | 'import' | 'publish';

export interface FaqVersion {
  id: number;
  version: number;
  action: FaqAction;
  actor: string;
  changed: string[];
  note: string | null;
  at: string;
  snapshot: FaqEntry;
}

export interface Duplicate { id: number; question: string; status: FaqStatus; similarity: number }

export type Transition = 'submit' | 'approve' | 'reject' | 'retire' | 'revise';

export const STATUS_NAMES: Record<FaqStatus, string> = { draft: '草稿', pending_review: '待审核', published: '已发布', retired: '已下线' };
export const STATUS_TONES: Record<FaqStatus, string> = { draft: 'neutral', pending_review: 'warn', published: 'ok', retired: 'bad' };
export const SCOPE_NAMES: Record<FaqScope, string> = { site: '本站', region: '本地区', platform: '全平台' };
export const ACTION_NAMES: Record<FaqAction, string> = {
  create: '新建', update: '修改', submit: '提交审核', approve: '审核通过并发布', reject: '退回修改', retire: '下线', revise: '重新编辑',
  import: '导入', publish: '直接发布',
};
export const TRANSITION_NAMES: Record<Transition, string> = { submit: '提交审核', approve: '通过并发布', reject: '退回', retire: '下线', revise: '重新编辑' };
/** Which moves apply to which status (library/consultation/workflow.ts TRANSITIONS), and whose they are. */
export const TRANSITIONS_FROM: Record<FaqStatus, Transition[]> = {
  draft: ['submit'], pending_review: ['approve', 'reject'], published: ['retire', 'revise'], retired: ['revise'],
};
export const REVIEW_MOVES: readonly Transition[] = ['approve', 'reject', 'retire'];
export const FIELD_NAMES: Record<string, string> = {
  question: '标准问', alternatives: '相似问', answerHtml: '答案', answerText: '答案', scope: '适用范围', siteCode: '网站',
  regionCode: '行政区划代码', category: '分类', effectiveFrom: '生效日期', expiresOn: '失效日期', relatedDocuments: '相关文件', status: '状态',
};

/** Days until an entry expires (negative: already expired), or null without an expiry day. */
export function daysToExpiry(e: Pick<FaqEntry, 'expiresOn'>, today = new Date()): number | null {
  if (!e.expiresOn) return null;
  const t = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.parse(`${e.expiresOn}T00:00:00Z`) - t) / 86_400_000);
}

export const formatTime = (iso: string): string => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
