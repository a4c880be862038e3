import { arrayOf, bool, int, nullableStr, num, obj, row, str } from './common';

const citation = obj({
  n: { type: 'integer', description: 'the number its [n] markers use' },
  id: str,
  title: str,
  issuer: nullableStr,
  docNumber: nullableStr,
  date: nullableStr,
  url: str,
  site: obj({ code: str, name: str }),
  infoType: str,
  validity: str,
  current: bool,
  label: { type: ['string', 'null'], description: '已废止 / 已失效 beside the title; null for current documents' },
}, ['n', 'id', 'title', 'url', 'current', 'label']);

const related = obj({ id: str, title: str, url: str, infoType: str, current: bool, label: nullableStr }, ['id', 'title', 'url']);
const faqRef = obj({ id: int, question: str, confidence: num });

export const ASK_RESPONSE = obj({
  answerId: str,
  question: str,
  rewrittenQuestion: { type: ['string', 'null'], description: 'the follow-up with the previous question\'s terms, when rewritten' },
  kind: { type: 'string', enum: ['faq', 'suggestions', 'library', 'not_found'] },
  faq: { ...faqRef, type: ['object', 'null'] },
  suggestions: arrayOf(faqRef),
  text: { type: 'string', description: 'plain text with [n] citation markers ("" when nothing was found)' },
  html: { type: ['string', 'null'], description: "the curated answer's sanitised HTML (FAQ answers only)" },
  sentences: arrayOf(obj({ text: str, cites: arrayOf(int) })),
  citations: arrayOf(citation),
  related: arrayOf(related),
  notFound: {
    ...obj({ message: str, channels: arrayOf(obj({ name: str, url: str, phone: str }, ['name'])) }),
    type: ['object', 'null'],
    description: 'when nothing answers: the honest message and where to turn (留言, 12345)',
  },
  generator: { type: ['string', 'null'], enum: ['faq', 'extractive', 'llm', null] },
  confidence: num,
  llm: row('what the LLM path did (dropped sentences, fallback reason), when an LLM is configured'),
  tookMs: num,
}, ['answerId', 'question', 'kind', 'text', 'citations', 'related', 'suggestions', 'confidence']);

export const ASK_EVENTS = 'server-sent events: meta, delta… ({ text }), citations, done (or error)';

export const INTERPRETATION = obj({
  document: citation,
  isPolicy: { type: 'boolean', description: 'false when the document is not a policy document (政策文件): the reading may be thin' },
  fields: {
    type: 'object',
    description: 'appliesTo, conditions, standards, procedure, deadlines, contact',
    additionalProperties: obj({ label: str, items: arrayOf(obj({ text: str, sentence: int })) }),
  },
  interpretations: arrayOf(obj({ id: str, title: str, url: str, publishedAt: nullableStr })),
  notice: str,
});

export const FEEDBACK_SAVED = obj({ id: int, queued: { type: 'boolean', description: 'true for 没用: the question joined the editors\' queue' } });
