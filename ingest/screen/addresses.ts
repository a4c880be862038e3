/**
 * The part of a person's address that finds their door: building, unit and room (3栋2单元501室,
 * 16栋1号, 2栋302) and the house number after 家住/住址 (家住解放路12号). The digits become "*";
 * the street, 小区 and district stay, so a reply about "熊家湾小区" is still found by it.
 *
 * Rule (kept narrow, so that office addresses in policy text stay whole):
 * - In messages, every building + room (or unit + room) run is masked: citizens write where they
 *   live, and a room number is never what a search needs. Bare building numbers (5号栋, 11栋18层)
 *   and road numbers without a residence cue (工业大道76号大排档) stay.
 * - In any text, a house number or building/room run right after a residence cue (家住, 住址,
 *   现住, 居住在, 户籍地址…) is masked. "地址：长沙市XX路1号" (an office, a 办理地点) has no such cue
 *   and stays; so do 文号 (〔2019〕5号), 第N号 and dates, which no rule here matches.
 */

const BUILDING = '\\d{1,4}\\s*(?:栋|幢|座|号楼|号院)';
const UNIT = '(?:\\d{1,2}|[一二三四五六七八九十])\\s*单元';
/** A room: digits with a room word, or three to five bare digits (2栋302), never a count (10栋460户). */
const ROOM = '(?:\\d{1,5}\\s*(?:室|房|号(?!楼))|\\d{3,5}(?![\\d年月日元万户人套间]))';
const RESIDENCE = `(?:${BUILDING}\\s*(?:${UNIT}\\s*)?${ROOM}|${UNIT}\\s*${ROOM})`;
const RESIDENCE_RE = new RegExp(`(?<![\\d〔〕\\[\\]（）()第])${RESIDENCE}`, 'gu');

/** A residence cue, then (within the clause) a house number or a building/room run. */
const CUE = '(?:家住|住在|住址[：:]?|现住|现居|居住在|居住地[：:]?|户籍地址[：:]?|户籍所在地[：:]?|家庭住址[：:]?|我家在)';
const CUED_RE = new RegExp(`(${CUE}[^，,。；;\\n\\d]{0,20})((?:${RESIDENCE}|\\d{1,5}\\s*号(?:院|楼)?)(?:\\s*${RESIDENCE})?)`, 'gu');

export interface AddressMaskResult {
  text: string;
  count: number;
}

const stars = (s: string): string => s.replace(/\d/gu, '*').replace(/[一二三四五六七八九十](?=\s*单元)/gu, '*');

export function maskHomeAddresses(text: string, message: boolean): AddressMaskResult {
  let count = 0;
  let out = text.replace(CUED_RE, (_whole: string, cue: string, detail: string) => {
    count++;
    return cue + stars(detail);
  });
  if (message) {
    out = out.replace(RESIDENCE_RE, (detail: string) => {
      count++;
      return stars(detail);
    });
  }
  return { text: out, count };
}
