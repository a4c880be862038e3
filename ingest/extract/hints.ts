/**
 * class/id vocabulary of Chinese CMSs (TRS, 政府网站集约化平台, Discuz) and common news templates.
 * Discuz (the usual engine of Chinese forums and 问政 boards) names its author column `pls`, the
 * byline `authi`/`pti` and the action bar `pob`.
 */

const POSITIVE =
  /(?:^|[\s_-])(?:content|article|artic|zoom|trs_editor|trs_paragraph|xxgk|detail|details|main-?text|text|body|post|entry|news_?txt|newstext|con_?text|wz|zw|zhengwen|neirong|article-content|read|story|postmessage|t_msgfont|t_f)(?:$|[\s_-]|\d)/i;
const NEGATIVE =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|foot|bottom|header|top|topbar|banner|breadcrumbs?|crumbs?|location|weizhi|dqwz|share|bdshare|jiathis|social|comment|comments|pinglun|reply-?form|sidebar|aside|related|relate|xgwz|xgxx|recommend|tuijian|hot|rank|paihang|ad|ads|advert|guanggao|gg|copyright|banquan|links?|friendlink|yqlj|tags?|pagination|pager|page-?nav|tools?|toolbar|login|search|sitemap|subscribe|qrcode|ewm|author|authi|userinfo|user-?info|profile|avatar|signature|pls|pob|pti)(?:$|[\s_-]|\d)/i;

/** Utility classes (Bootstrap, Tailwind) such as border-bottom or position-relative say nothing about content. */
const UTILITY =
  /^(?:(?:border|position|text|d|[mp][trblxyse]?|float|align|justify|flex|col|row|w|h|bg|font|fw|fs|rounded|shadow|overflow|sticky|fixed)-|clearfix$)/i;

const cache = new WeakMap<Element, number>();

/** +1 for a content-like class/id, −1 for a chrome-like one, 0 otherwise. */
export function classHint(el: Element): number {
  const hit = cache.get(el);
  if (hit !== undefined) return hit;
  const tag = el.tagName.toLowerCase();
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && !UTILITY.test(c));
  const names = `${classes.join(' ')} ${el.getAttribute('id') ?? ''}`.trim();
  let hint = 0;
  if (tag === 'nav' || tag === 'footer' || tag === 'aside') hint = -1;
  else if (tag === 'article' || tag === 'main') hint = 1;
  else if (names) {
    const pos = POSITIVE.test(names);
    const neg = NEGATIVE.test(names);
    hint = pos && !neg ? 1 : neg && !pos ? -1 : 0;
  }
  cache.set(el, hint);
  return hint;
}
