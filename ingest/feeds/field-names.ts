/**
 * Field names as feeds from different systems write them (English snake/camel case, Chinese
 * headers of 政府网站集约化平台 exports), mapped to the names of our JSONL records.
 */

/** Documents: the JSONL document record's fields (see document-record.ts). */
export const DOCUMENT_FIELDS: Record<string, string[]> = {
  id: ['id', 'docid', 'documentid', 'externalid', '编号', '文档编号', '唯一标识', '文章id', '信息id'],
  title: ['title', '标题', '题名', '文章标题', '信息标题'],
  text: ['text', 'body', 'content', '正文', '内容', '全文', '文章内容', '正文内容'],
  site: ['site', 'sitecode', '站点', '网站', '网站标识码', '站点代码', '站点名称'],
  url: ['url', 'link', 'href', '网址', '链接', '原文链接', '页面地址', '访问地址'],
  published: ['published', 'publishedat', 'publishdate', 'pubdate', 'date', '发布日期', '发布时间', '公开日期', '发文日期'],
  written: ['written', 'writtenat', '成文日期', '成文时间', '印发日期'],
  issuer: ['issuer', 'publisher', '发文机关', '发布机构', '发文单位', '发布机关', '来源单位'],
  doc_number: ['docnumber', 'doc_number', '文号', '发文字号', '发文号'],
  index_number: ['indexnumber', 'index_number', '索引号'],
  category: ['category', 'infotype', 'info_type', '信息类别', '类别', '信息分类', '体裁分类'],
  topic: ['topic', '主题分类', '主题'],
  column: ['column', 'channel', '栏目', '所属栏目', '栏目路径'],
  validity: ['validity', '有效性', '时效性', '效力状态'],
};

/** Consultation Q&A pairs (留言/咨询 with the official reply). */
export const QA_FIELDS: Record<string, string[]> = {
  id: ['id', '编号', '留言编号', '咨询编号', '信件编号'],
  question: ['question', 'message', '留言详情', '留言内容', '咨询内容', '问题', '问题描述', '来信内容'],
  question_title: ['questiontitle', 'question_title', 'subject', 'title', '留言主题', '留言标题', '咨询标题', '问题标题', '标题', '来信标题'],
  answer: ['answer', 'reply', '答复意见', '答复内容', '回复内容', '答复', '回复', '办理结果'],
  department: ['department', 'answeredby', '答复单位', '答复部门', '回复单位', '办理单位', '部门'],
  date: ['date', 'askedat', '留言时间', '留言日期', '咨询时间', '来信时间'],
  answer_date: ['answerdate', 'answer_date', 'answeredat', '答复时间', '答复日期', '回复时间', '回复日期'],
  related: ['related', 'relateddocuments', 'policydocid', '相关文件', '依据文件'],
  site: DOCUMENT_FIELDS.site,
  url: DOCUMENT_FIELDS.url,
  topic: DOCUMENT_FIELDS.topic,
};

/** Service guides (办事指南): one 事项 with its sections. */
export const GUIDE_FIELDS: Record<string, string[]> = {
  id: ['id', '编号', '事项编码', '事项编号', '实施编码', '基本编码'],
  title: ['title', 'name', '事项名称', '标题', '名称'],
  department: ['department', 'issuer', '实施主体', '实施机关', '办理部门', '受理部门', '责任部门'],
  basis: ['basis', 'legalbasis', '设定依据', '法律依据', '办理依据'],
  conditions: ['conditions', 'requirements', '受理条件', '申请条件', '办理条件'],
  materials: ['materials', '申请材料', '所需材料', '材料清单'],
  process: ['process', 'procedure', 'steps', '办理流程', '办理程序', '办事流程'],
  time_limit: ['timelimit', 'time_limit', '办理时限', '承诺时限', '法定时限', '承诺办结时限'],
  fee: ['fee', 'fees', '收费标准', '是否收费', '收费依据'],
  location: ['location', 'address', '办理地点', '受理地点', '办公地址'],
  hours: ['hours', 'openinghours', '办理时间', '受理时间'],
  contact: ['contact', 'phone', '咨询电话', '咨询方式', '联系电话', '监督电话'],
  text: ['text', 'body', 'content', '正文', '说明', '备注', '其他'],
  site: DOCUMENT_FIELDS.site,
  url: DOCUMENT_FIELDS.url,
  published: DOCUMENT_FIELDS.published,
  topic: DOCUMENT_FIELDS.topic,
};

/** A header as compared: BOM, spaces, colons, underscores, hyphens and case removed. */
export function fieldKey(name: string): string {
  return name.replace(/^\uFEFF/u, '').replace(/[\s:：_\-（）()]/gu, '').toLowerCase();
}

/**
 * Renames a record's fields to our names by `table`; unknown fields keep their own name (they end up
 * in extra). When two fields map to one name, the first non-empty one wins.
 */
export function renameFields(record: Record<string, unknown>, table: Record<string, string[]>): Record<string, unknown> {
  const lookup = new Map<string, string>();
  for (const [ours, names] of Object.entries(table)) {
    for (const n of names) if (!lookup.has(fieldKey(n))) lookup.set(fieldKey(n), ours);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const ours = lookup.get(fieldKey(name)) ?? name;
    const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
    if (!(ours in out) || ((out[ours] === null || out[ours] === undefined || out[ours] === '') && !empty)) out[ours] = value;
  }
  return out;
}

/** True when `record` has a field that `table` maps to each of `names` (used to tell feed kinds apart). */
export function hasFields(record: Record<string, unknown>, table: Record<string, string[]>, names: string[]): boolean {
  const keys = new Set(Object.keys(record).map(fieldKey));
  return names.every((n) => table[n].some((alias) => keys.has(fieldKey(alias))));
}
