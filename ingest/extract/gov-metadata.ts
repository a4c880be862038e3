/**
 * The public-information table of government pages (信息公开目录 / 政府信息公开):
 * 索引号, 发文机关, 发文字号, 成文日期, 发布日期, 主题分类 … Labels are written with odd spacing
 * (索引号 with ideographic spaces between the characters), as "label：value" in one cell or as label and value in neighbouring cells.
 */
import type { Segment } from './segments';

/** Written label (spaces removed) → canonical key. */
const LABELS: Record<string, string> = {
  索引号: '索引号',
  发文机关: '发文机关',
  发布机构: '发文机关',
  发文单位: '发文机关',
  发文字号: '发文字号',
  文号: '发文字号',
  成文日期: '成文日期',
  成文时间: '成文日期',
  发布日期: '发布日期',
  发布时间: '发布日期',
  发文日期: '发布日期',
  公开日期: '发布日期',
  主题分类: '主题分类',
  主题词: '主题词',
  体裁分类: '体裁分类',
  组配分类: '组配分类',
  有效性: '有效性',
  时效: '有效性',
  公开方式: '公开方式',
  公开范围: '公开范围',
  标题: '标题',
  名称: '标题',
  生效日期: '生效日期',
  废止日期: '废止日期',
};
/** Labels that only occur in the information table: one of them must be present. */
const STRONG = new Set(['索引号', '发文字号', '成文日期', '主题分类', '发文机关']);

const SPACE = /[\s\u3000\u00a0]+/g;
const LABEL_ALT = Object.keys(LABELS)
  .sort((a, b) => b.length - a.length)
  .map((l) => [...l].join('[\\s\\u3000\\u00a0]*'))
  .join('|');
/** A label followed by a colon, its value running to the next label or the end of the cell. */
const PAIR = new RegExp(`(${LABEL_ALT})\\s*[:：]\\s*([^]*?)(?=(?:${LABEL_ALT})\\s*[:：]|$)`, 'g');
const LABEL_ONLY = new RegExp(`^(?:${LABEL_ALT})\\s*[:：]?$`);

function canonical(label: string): string {
  return LABELS[label.replace(SPACE, '')] ?? label;
}

/** True for a line or cell that belongs to the information table (used to keep it out of the text). */
export function isGovMetadataCell(text: string): boolean {
  const t = text.trim();
  if (LABEL_ONLY.test(t)) return true;
  PAIR.lastIndex = 0;
  const first = PAIR.exec(t);
  return first !== null && first.index === 0 && t.length <= 120 && STRONG.has(canonical(first[1]));
}

export function extractGovMetadata(segments: Segment[]): Record<string, string> {
  const meta: Record<string, string> = {};
  const put = (label: string, value: string): void => {
    const key = canonical(label);
    const v = value.replace(SPACE, ' ').trim();
    if (v && !(key in meta) && v.length <= 200) meta[key] = v;
  };
  for (let i = 0; i < segments.length; i++) {
    const text = segments[i].text.trim();
    if (LABEL_ONLY.test(text)) {
      // Label and value in neighbouring cells.
      const next = segments[i + 1]?.text.trim();
      if (next && !LABEL_ONLY.test(next) && !new RegExp(`^(?:${LABEL_ALT})\\s*[:：]`).test(next)) {
        put(text.replace(/[:：]$/, ''), next);
        i++;
      }
      continue;
    }
    for (const m of text.matchAll(PAIR)) put(m[1], m[2]);
  }
  return Object.keys(meta).some((k) => STRONG.has(k)) ? meta : {};
}
