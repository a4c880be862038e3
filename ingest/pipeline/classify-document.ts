/**
 * 信息类别 and 主题分类 for a document, with the evidence kept in extra.classification so an editor
 * (and evals) can see where each came from. What the record says wins; the classifiers fill gaps.
 */
import type { DocumentInput, InfoType } from '../../library/model/document';
import { classifyInfoType, classifyTopic } from '../classify';

/**
 * A topic below this posterior is left empty rather than guessed. Chosen on the 130 dev messages of
 * classification/taidi2020c_messages_topic.jsonl mapped through STATE_COUNCIL_EQUIVALENTS:
 * thresholds 0 / 0.5 / 0.7 / 0.9 keep 98 / 95 / 92 / 82 % of documents at 72.7 / 75.0 / 76.5 / 79.4 %
 * accuracy; 0.5 drops the coin flips and keeps nearly every facet value.
 */
export const TOPIC_MIN_CONFIDENCE = 0.5;

/**
 * When the source gave a category we do not map (领导讲话, 人事任免…), only a rule that fired on real
 * evidence replaces 其他: classifyInfoType's fallback guess (新闻动态, 0.4) must not overwrite it.
 */
export const INFO_TYPE_MIN_CONFIDENCE_OVER_SOURCE = 0.6;

/** The opening the topic classifier reads: subjects are stated early, and cost stays bounded. */
const TOPIC_TEXT_CHARS = 3000;
/**
 * classifyInfoType reads the title, the first 2,000 characters and the header (findOwnDocNumber:
 * at most 440 characters), so a longer body changes nothing but its cost (a header regex scans it all).
 */
const INFO_TYPE_TEXT_CHARS = 2400;

export interface ClassifiedDocument {
  infoType: InfoType;
  topic: string | null;
  evidence: {
    infoType: { source: 'record' | 'rules'; confidence: number; guess?: InfoType };
    topic: { source: 'record' | 'classifier' | 'none'; confidence: number; guess?: string | null };
  };
}

export function classifyDocument(doc: DocumentInput): ClassifiedDocument {
  const sourceCategory = typeof doc.extra?.sourceCategory === 'string' ? doc.extra.sourceCategory : null;
  let infoType = doc.infoType;
  let infoEvidence: ClassifiedDocument['evidence']['infoType'] = { source: 'record', confidence: 1 };
  if (infoType === '其他') {
    const r = classifyInfoType({
      title: doc.title,
      body: doc.body.slice(0, INFO_TYPE_TEXT_CHARS),
      hints: { column: doc.column ?? null, docNumber: doc.docNumber ?? null, category: sourceCategory },
    });
    const floor = sourceCategory ? INFO_TYPE_MIN_CONFIDENCE_OVER_SOURCE : 0;
    if (r.confidence >= floor) {
      infoType = r.infoType;
      infoEvidence = { source: 'rules', confidence: r.confidence };
    } else {
      infoEvidence = { source: 'record', confidence: 1, guess: r.infoType };
    }
  }

  let topic = doc.topic?.trim() || null;
  let topicEvidence: ClassifiedDocument['evidence']['topic'] = { source: 'record', confidence: 1 };
  if (!topic) {
    const r = classifyTopic(doc.body.slice(0, TOPIC_TEXT_CHARS), { title: doc.title });
    const confidence = Math.round(r.confidence * 1000) / 1000;
    if (r.topic && r.topic !== '其他' && r.confidence >= TOPIC_MIN_CONFIDENCE) {
      topic = r.topic;
      topicEvidence = { source: 'classifier', confidence };
    } else {
      topicEvidence = { source: 'none', confidence, guess: r.topic };
    }
  }
  return { infoType, topic, evidence: { infoType: infoEvidence, topic: topicEvidence } };
}
