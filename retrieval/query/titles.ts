import { indexForm } from '../../library/analyzer';

/** Longest title (characters) offered as a suggestion; longer ones are sentences nobody types. */
export const MAX_SUGGESTION_CHARS = 30;

/** The subject of a 公文 title: 关于(印发)X的通知 → X. */
const SUBJECT = /关于(?:印发|转发|公布|发布|做好|进一步)?(.{2,}?)的(?:通知|决定|意见|实施意见|指导意见|公告|通告|批复|函|复函|报告|请示|通报|实施方案|工作方案|方案|办法|规定|细则)(?:[（(][^（()）]*[)）])?$/u;
const QUOTES = /[《》“”"'「」『』〈〉\s]/gu;
/** Serial numbers (留言编号2557, 档案号) make a title unique to one record: useless as a suggestion. */
const RECORD_NUMBER = /编号|\d{5,}/u;

/**
 * What a title offers to autocomplete, in index form: its subject when it follows the 关于…的通知 pattern,
 * else the title itself; null for titles too long to type or unique to one record.
 */
export function suggestionText(title: string): string | null {
  const form = indexForm(title).trim();
  const subject = SUBJECT.exec(form)?.[1] ?? form;
  const text = subject.replace(QUOTES, '');
  if (text.length < 2 || text.length > MAX_SUGGESTION_CHARS || RECORD_NUMBER.test(text)) return null;
  return text;
}

const QUOTED = /[《“"「『]([^《》“”"「」『』]{2,16})[》”"」』]/gu;

/**
 * Names quoted in a title (“三码合一”, 《示例市生育支持若干措施》): programme names and document titles
 * that jieba's dictionary lacks. They grow the government vocabulary (pinyin, suggestions, corrections).
 */
export function quotedNames(title: string): string[] {
  return [...indexForm(title).matchAll(QUOTED)].map((m) => m[1].replace(/\s+/g, ''));
}
