/**
 * Charset sniffing for pages that declare nothing (or declare something the bytes contradict).
 */
import iconv from 'iconv-lite';
import { utf8SequenceLength } from './validate';

export interface Utf8Stats {
  /** Well-formed multi-byte sequences (non-ASCII characters). */
  multibyte: number;
  /** Bytes that cannot start or continue a well-formed sequence. */
  invalid: number;
}

/** Counts well-formed multi-byte sequences and invalid bytes (RFC 3629 rules, no overlongs/surrogates). */
export function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) {
      invalid++;
      i++;
    } else {
      if (n > 1) multibyte++;
      i += n;
    }
  }
  return { multibyte, invalid };
}

/**
 * Bytes read as UTF-8 when nearly every non-ASCII sequence is well formed. GBK/Big5 text forms
 * valid UTF-8 only by accident (a few percent of pairs), so a 0.5 % error allowance separates
 * them cleanly while tolerating a truncated or corrupted sequence in a real UTF-8 page.
 */
export function looksLikeUtf8(stats: Utf8Stats, minMultibyte = 1): boolean {
  return stats.multibyte >= minMultibyte && stats.invalid <= stats.multibyte * 0.005;
}

// The ~300 most frequent Chinese characters, in Simplified and Traditional forms.
const COMMON_SIMPLIFIED =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴错';
const COMMON_TRADITIONAL =
  '這來國個說們為時會著過學對裡後麼頭經見從動兩長樣現將與進點種聲話兒問機給幾業間電門東聽氣關並內軍產萬體別處總場師書員華報馬張難數車應計邊風戰許覺統請愛讓認論義術結連遠資隊帶條變聯權該領傳紅決達辦轉眾輕語滿寫識極黃臉錢黨設雙歷廣議際單據導網專誰讀飛觀爭組視濟離雖壞興錯';
const COMMON = new Set([...COMMON_SIMPLIFIED, ...COMMON_TRADITIONAL]);

function cjkScore(text: string): number {
  let common = 0;
  let replacement = 0;
  for (const ch of text) {
    if (COMMON.has(ch)) common++;
    else if (ch === '\uFFFD') replacement++;
  }
  // A replacement char is strong evidence of the wrong table; weigh it above one common char.
  return common - 4 * replacement;
}

export interface LegacyGuess {
  charset: 'gb18030' | 'big5';
  /** Common characters minus 4 × replacement characters in the first 64 KiB under that reading. */
  score: number;
}

/** Decides GB18030 vs Big5 for non-UTF-8 bytes by which reading yields more common characters. */
export function sniffLegacyCjk(bytes: Uint8Array): LegacyGuess {
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024));
  const gb = cjkScore(iconv.decode(sample, 'gb18030'));
  const big5 = cjkScore(iconv.decode(sample, 'big5'));
  return big5 > gb ? { charset: 'big5', score: big5 } : { charset: 'gb18030', score: gb };
}
