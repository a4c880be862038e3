/**
 * Server-rendered HTML for a document's page (/d/<id>): the page a result or citation opens when the
 * document has no source URL. Every value is escaped (library/consultation escapeHtml); the only
 * markup is what this file writes. No script (the API's CSP allows none inline); styles come from
 * /document.css (screen, phone widths, print).
 */
import { escapeHtml } from '../../library/consultation';
import { validityLabel } from '../../library/model/validity';
import type { DocumentView, RelatedDocument } from '../../retrieval/documents';

/** The note on a page that is not the rule in force (library/model/validity decides), as HTML; '' for a current document. */
function currencyWarning(doc: DocumentView): string {
  const label = validityLabel({ validity: doc.validity, supersededBy: doc.supersededBy?.id });
  if (label === '已废止' || label === '已失效') return `该文件${label}，仅供查阅，不作为现行政策依据。`;
  if (!doc.supersededBy) return '';
  const newer = doc.supersededBy;
  return `该文件已有新版本：<a href="${escapeHtml(newer.pageUrl)}">${escapeHtml(newer.title)}</a>，本版本仅供查阅。`;
}

function layout(title: string, siteName: string | null, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(siteName ? `${title} - ${siteName}` : title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/document.css">
</head>
<body>
<a class="skip" href="#content">跳到正文</a>
<header class="masthead"><div class="wrap">${siteName ? `<p class="site">${escapeHtml(siteName)}</p>` : ''}<p class="product">智问 · 文件查阅</p></div></header>
<main id="content" class="wrap">
${main}
</main>
<footer class="wrap"><p>本页由智问根据网站公开信息生成，内容以发布机关公布的原文为准。<a href="/">站内搜索</a></p></footer>
</body>
</html>
`;
}

function metadata(doc: DocumentView): string {
  const rows: Array<[string, string | null]> = [
    ['索引号', doc.indexNumber],
    ['信息类别', doc.infoType],
    ['主题分类', doc.topic],
    ['发文机关', doc.issuer],
    ['文号', doc.docNumber],
    ['成文日期', doc.writtenAt],
    ['发布日期', doc.publishedAt],
    ['有效性', doc.validity === '未知' ? null : doc.validity],
    ['发布网站', doc.site.name],
    ['栏目', doc.column],
  ];
  const items = rows
    .filter((r): r is [string, string] => !!r[1])
    .map(([label, value]) => `<div><dt>${label}</dt><dd>${escapeHtml(value)}</dd></div>`);
  return `<section class="meta" aria-labelledby="meta-heading"><h2 id="meta-heading" class="visually-hidden">文件信息</h2><dl>${items.join('')}</dl></section>`;
}

/** The text as paragraphs; lines the chunker read as section headings become h2–h4 by depth. */
function bodyHtml(doc: DocumentView): string {
  const out: string[] = [];
  const lines = doc.body.split('\n').map((l) => l.trim()).filter(Boolean);
  // Laws and notices often repeat their title as the first line: the h1 already shows it.
  if (lines[0] === doc.title.trim()) lines.shift();
  for (const line of lines) {
    const depth = doc.headings.get(line);
    if (depth === undefined) out.push(`<p>${escapeHtml(line)}</p>`);
    else {
      const level = 2 + Math.min(depth, 2);
      out.push(`<h${level}>${escapeHtml(line)}</h${level}>`);
    }
  }
  return `<div class="text">${out.join('\n')}</div>`;
}

function relatedList(heading: string, id: string, docs: RelatedDocument[], withSite: boolean): string {
  if (docs.length === 0) return '';
  const items = docs.map((d) => {
    const label = withSite ? d.site.name : d.title;
    const extra = [withSite ? null : d.site.name, d.publishedAt].filter(Boolean).map((x) => escapeHtml(x!)).join(' · ');
    const source = d.sourceUrl ? ` <a class="source-link" href="${escapeHtml(d.sourceUrl)}">原文</a>` : '';
    return `<li><a href="${escapeHtml(d.pageUrl)}">${escapeHtml(label)}</a>${extra ? ` <span class="muted">${extra}</span>` : ''}${source}</li>`;
  });
  return `<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><ul>${items.join('')}</ul></section>`;
}

export function renderDocumentPage(doc: DocumentView): string {
  const warning = currencyWarning(doc);
  const related = [
    relatedList('政策解读', 'interpreted-by', doc.interpretedBy, false),
    relatedList('解读的政策文件', 'interprets', doc.interprets, false),
    relatedList(`其他网站转载（${doc.copies.length}）`, 'copies', doc.copies, true),
  ].join('');
  const source = doc.sourceUrl
    ? `<p class="source">原文链接：<a href="${escapeHtml(doc.sourceUrl)}">${escapeHtml(doc.sourceUrl)}</a></p>`
    : '';
  const main = `<article aria-labelledby="doc-title">
<h1 id="doc-title">${escapeHtml(doc.title)}</h1>
${warning ? `<p class="warning" role="note">${warning}</p>` : ''}
${metadata(doc)}
${bodyHtml(doc)}
${source}
</article>
${related ? `<aside aria-label="相关文件">${related}</aside>` : ''}`;
  return layout(doc.title, doc.site.name, main);
}

/** Why no document is shown: an id that is not one, no such document, or one its site took down. */
export type MissingReason = 'invalid' | 'missing' | 'withdrawn';

const MISSING: Record<MissingReason, { title: string; message: (id: string) => string }> = {
  invalid: { title: '文件编号无效', message: (id) => `“${id}”不是有效的文件编号（应为数字）。请检查链接是否完整。` },
  missing: { title: '没有找到该文件', message: (id) => `没有编号为 ${id} 的文件，链接可能有误，或该文件暂未公开。` },
  withdrawn: { title: '该文件已撤回', message: (id) => `编号为 ${id} 的文件已由发布网站撤回，不再提供查阅。` },
};

export function renderMissingPage(reason: MissingReason, id: string): string {
  const { title, message } = MISSING[reason];
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  return layout(title, null, `<h1>${title}</h1>
<p class="notice">${escapeHtml(message(shown))}</p>
<p>您可以通过<a href="/">站内搜索</a>查找相关文件。</p>`);
}
