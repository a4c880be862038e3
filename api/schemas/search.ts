import { arrayOf, bool, int, nullableStr, num, obj, str, strings } from './common';

const siteRef = obj({ code: str, name: str });

export const SEARCH_RESULT = obj({
  id: str,
  title: { type: 'string', description: 'plain text as published (it may hold < or &): show it as text, or use titleHtml' },
  titleHtml: { type: 'string', description: 'the title HTML-escaped, matched terms in <em>' },
  url: { type: 'string', description: 'what opens the document: its http(s) source, else its page /d/<id>' },
  site: siteRef,
  infoType: str,
  issuer: nullableStr,
  docNumber: nullableStr,
  publishedAt: nullableStr,
  validity: str,
  current: { type: 'boolean', description: 'false for repealed or expired documents: show a label (已失效)' },
  snippet: { type: 'string', description: 'an excerpt HTML-escaped, matched terms in <em>' },
  score: { type: 'number', description: 'comparable within one response only' },
  matchedBy: { type: 'string', description: "'pinned' | 'docNumber' | 'exactTitle' when not just by text" },
  reposts: obj({ count: int, sites: arrayOf(obj({ code: str, name: str, url: str }, ['code', 'name'])) }, ['count', 'sites'], {
    description: 'the same text on other sites (one result per repost cluster): count exact, at most 10 sites listed',
  }),
  attachments: {
    ...arrayOf(obj({ title: str, url: str }, ['title', 'url'])),
    description: "the page's attachments (附件), in page order: the page and its attachments are one policy",
  },
  foundIn: obj({ title: str, url: str }, ['title', 'url'], {
    description: "set when the words matched one of the page's attachments: the snippet is from that attachment",
  }),
}, ['id', 'title', 'titleHtml', 'url', 'site', 'infoType', 'docNumber', 'publishedAt', 'current', 'snippet']);

export const FACET_VALUE = obj({ value: str, count: int });

export const SEARCH_RESPONSE = obj({
  query: str,
  total: int,
  offset: int,
  limit: int,
  results: arrayOf(SEARCH_RESULT),
  facets: { type: 'object', description: 'counts by infoType, site, year, validity, topic, issuer', additionalProperties: arrayOf(FACET_VALUE) },
  facetsEstimated: { type: 'boolean', description: 'facet counts estimated from a sample (very broad queries): shown as 约 N' },
  truncated: { type: 'boolean', description: 'the query was longer than analysed; only its start was used' },
  correction: obj({ query: str, applied: bool }, ['query', 'applied'], { description: '您是不是要找: applied = these results are for it' }),
  expansions: strings,
  noResults: obj({
    docNumberNotFound: { type: 'string', description: 'the 文号 asked for (canonical form) when no document bears it' },
    suggestions: strings,
    broaderScope: obj({ scope: { type: 'string', enum: ['platform'] }, total: int }),
    hotTopics: strings,
  }, ['suggestions', 'hotTopics'], { description: 'only when nothing matched' }),
  tookMs: num,
}, ['query', 'total', 'offset', 'limit', 'results']);

export const SUGGEST_RESPONSE = obj({
  query: str,
  suggestions: arrayOf(obj({
    text: str,
    kind: str,
    matchedBy: { type: 'string', enum: ['prefix', 'pinyin', 'initials', 'hot'] },
  }, ['text'])),
  related: strings,
  hot: { type: 'array', items: str, description: 'hot searches for the site (always given when the query is empty)' },
  noMatch: obj({
    corrections: strings,
    broaderScope: obj({ scope: { type: 'string', enum: ['platform'] }, suggestions: strings }),
    hotTopics: strings,
  }, ['corrections', 'hotTopics']),
  tookMs: num,
}, ['suggestions']);

export const SITES_RESPONSE = obj({
  sites: arrayOf(obj({ code: str, name: str, level: str, regionCode: nullableStr, domains: strings }, ['code', 'name'])),
});

export const LIBRARY_INFO = obj({ sampleOnly: { type: 'boolean', description: 'only the fictional sample city is loaded' } });
