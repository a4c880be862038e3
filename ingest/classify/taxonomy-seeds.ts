/**
 * Keyword seeds from the 泰迪杯 2020 C 3-level category taxonomy (classification/taidi2020c_taxonomy.jsonl):
 * category names are vocabulary, not labelled examples, so they may seed a classifier.
 * Level-1 categories map to a topic; a few level-2 categories map elsewhere (体育 → 卫生、体育).
 */
import { readFileSync } from 'node:fs';
import type { TopicTaxonomy } from './topic';

interface TaxonomyRow {
  level1: string;
  level2: string;
  level3: string;
}

/** Level 1 → State Council topic. */
const STATE_COUNCIL_L1: Record<string, string> = {
  城乡建设: '城乡建设、环境保护',
  环境保护: '城乡建设、环境保护',
  交通运输: '工业、交通',
  教育文体: '科技、教育',
  劳动和社会保障: '劳动、人事、监察',
  商贸旅游: '商贸、海关、旅游',
  卫生计生: '卫生、体育',
  农村农业: '农业、林业、水利',
  国土资源: '国土资源、能源',
  政法: '公安、安全、司法',
  民政: '民政、扶贫、救灾',
  党务政务: '综合政务',
  经济管理: '国民经济管理、国有资产监管',
  纪检监察: '劳动、人事、监察',
  科技与信息产业: '科技、教育',
};

/** Level 2 (or level 3, checked first) → State Council topic, where it differs from its level 1. */
const STATE_COUNCIL_L2: Record<string, string> = {
  安全生产: '市场监管、安全生产监管',
  体育: '卫生、体育',
  文化: '文化、广电、新闻出版',
  文物管理: '文化、广电、新闻出版',
  市场监管: '市场监管、安全生产监管',
  质监检验检疫: '市场监管、安全生产监管',
  人口计生: '人口与计划生育、妇女儿童工作',
  扶贫开发: '民政、扶贫、救灾',
  港澳台侨: '港澳台侨工作',
  民族宗教: '民族、宗教',
  宣传舆论: '文化、广电、新闻出版',
  外交外事: '对外事务',
  军事国防: '国防',
  金融财税: '财政、金融、审计',
  保险证券期货: '财政、金融、审计',
  能源管理: '国土资源、能源',
  电信: '工业、交通',
  信息化建设: '工业、交通',
  复退安置: '国防',
};

function topicOf(row: TaxonomyRow, taxonomy: TopicTaxonomy, topics: readonly string[]): string | null {
  if (taxonomy === 'message-board') return topics.includes(row.level1) ? row.level1 : null;
  return STATE_COUNCIL_L2[row.level3] ?? STATE_COUNCIL_L2[row.level2] ?? STATE_COUNCIL_L1[row.level1] ?? null;
}

/** A category name as seed words: the name, and its parts split at 和/与/及/、 ("城市建设和市政管理"). */
function words(name: string): string[] {
  if (name === '其他' || name.length < 2) return [];
  const parts = name.split(/[和与及、]/u).filter((p) => p.length >= 2 && p !== '其他');
  return [...new Set([name, ...parts])];
}

/**
 * Seeds per topic of `taxonomy` from the taxonomy file. Throws with the path when the file is
 * missing or malformed; `topics` limits the message-board seeds to the classifier's labels.
 */
export function taxonomySeeds(
  file: string,
  taxonomy: TopicTaxonomy,
  topics: readonly string[],
): Record<string, string[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the topic taxonomy ${file} (${(error as Error).message}); set ZHIWEN_CORPUS to the corpus folder`,
    );
  }
  const seeds: Record<string, string[]> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as TaxonomyRow;
    if (typeof row.level1 !== 'string')
      throw new Error(`${file}:${i + 1}: expected {level1, level2, level3}`);
    const topic = topicOf(row, taxonomy, topics);
    if (topic === null || !topics.includes(topic)) continue;
    (seeds[topic] ??= []).push(...words(row.level2), ...words(row.level3));
  }
  for (const topic of Object.keys(seeds)) seeds[topic] = [...new Set(seeds[topic])];
  return seeds;
}
