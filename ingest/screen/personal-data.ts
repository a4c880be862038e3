/**
 * Masking of personal data before text is stored or indexed: ID card numbers (18 digits with the
 * GB 11643 check digit, or the old 15 digits; province and birth date checked; also written 6-8-4
 * with spaces), mobile numbers, landlines, e-mail addresses and bank card numbers (Luhn); in
 * messages (留言, 咨询, replies) also citizens' names (names.ts) and the 栋/单元/室 of a home address
 * (addresses.ts). Applied to every stored display text whatever the info type.
 *
 * Decisions:
 * - Mobiles, ID cards, bank cards and e-mail addresses are always masked, in a 咨询电话 or 热线
 *   line too: a mobile reaches a person (a 公示 list, a 联系人, a staff member's own phone), and the
 *   index never needs them whole. Offices publish landlines and service numbers for the public.
 * - Landlines are kept unless the clause before them names a person (联系人, 申请人, 本人, 住址…):
 *   in government text nearly every landline is an office's (a dev-corpus check of 744 official
 *   replies found 25, all "请致电/欢迎拨打我局电话…"), and citizens search for exactly those.
 * - Service numbers (12345, 12315, 110, 95588, 0731-12345) have too few digits to match anything.
 * - Digits glued to letters, "/" or units (索引号 11220000013544357T/2020-01234, 金额 …元) are left alone.
 * The masks keep a few digits (138****5678) so a reader sees what kind of number was there.
 */

import { maskHomeAddresses } from './addresses';
import { maskCitizenNames } from './names';

export interface MaskCounts {
  idCards: number;
  mobiles: number;
  landlines: number;
  emails: number;
  bankCards: number;
  /** Citizens' names (messages only). */
  names: number;
  /** 栋/单元/室 and house numbers of a person's address. */
  addresses: number;
}

export interface MaskOptions {
  /**
   * The text is a message (a 互动交流 document, a Q&A question or reply): also mask citizens' names
   * and the building/room part of any address. Default false (policy text names officials and
   * offices, which stay).
   */
  message?: boolean;
}

export interface MaskResult {
  text: string;
  masked: MaskCounts;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The province codes (GB/T 2260) an ID number starts with. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

function isBirthDate(y: number, m: number, d: number): boolean {
  const birth = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 1900 && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d && birth.getTime() <= Date.now()
  );
}

/**
 * An ID card number: 18 digits with the GB 11643 check digit, or the 15 digits issued before 1999
 * (no check digit, so the province and the 19YYMMDD birth date must hold). Spaces are ignored.
 */
export function isValidIdCard(raw: string): boolean {
  const id = raw.replace(/\s/gu, '');
  if (/^\d{15}$/u.test(id)) {
    return PROVINCES.has(Number(id.slice(0, 2))) &&
      isBirthDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  }
  if (!/^\d{17}[\dX]$/iu.test(id) || !PROVINCES.has(Number(id.slice(0, 2)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== id[17].toUpperCase()) return false;
  return isBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
}

/** Luhn checksum over the digits of `s`. */
export function passesLuhn(s: string): boolean {
  const digits = s.replace(/\D/gu, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** No digit, letter, "/" or "." glued on either side; no unit of amount or count after. */
const L = '(?<![0-9A-Za-z/.\\-])';
const R = '(?![0-9A-Za-z/]|\\.\\d|\\s*(?:元|万|亿|美元|吨|平方|公里|人|个|次|份|件|号|年))';

/** 18 digits (or 6-8-4 with spaces) or the old 15. */
const ID_CARD = new RegExp(`${L}(?:\\d{6} ?\\d{8} ?\\d{3}[\\dXx]|\\d{15})${R}`, 'gu');
const BANK_CARD = new RegExp(`${L}[3-6]\\d{3}(?:[ -]?\\d{4}){2,3}(?:[ -]?\\d{1,3})?${R}`, 'gu');
const MOBILE = new RegExp(`${L}(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${R}`, 'gu');
/** Area code 0 + [1-9] + 1–2 digits; local number 7–8 digits starting 2–8 (service numbers are shorter). */
const LANDLINE = new RegExp(
  `${L}(?:[（(]0[1-9]\\d{1,2}[)）]|0[1-9]\\d{1,2}[-－—\\s]?)[2-8]\\d{6,7}(?:-\\d{1,4})?${R}`,
  'gu',
);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gu;

/** A landline is personal when the clause before it names a person: 联系人：李四，电话：… */
const PERSONAL_CONTEXT =
  /(?:联系人|申请人|本人|家属|户主|举报人|投诉人|当事人|住址|家庭|宅电|手机|姓名|我的(?:电话|座机|号码)|我家|联系我|回电)[^。；;\n]{0,40}$/u;

function maskDigits(s: string, keepStart: number, keepEnd: number): string {
  const total = s.replace(/\D/gu, '').length;
  let seen = 0;
  return s.replace(/\d/gu, (d) => {
    seen++;
    return seen <= keepStart || seen > total - keepEnd ? d : '*';
  });
}

/** Personal data in `text` masked (see the decisions above), with what was masked. */
export function maskPersonalData(text: string, options: MaskOptions = {}): MaskResult {
  const masked: MaskCounts = { idCards: 0, mobiles: 0, landlines: 0, emails: 0, bankCards: 0, names: 0, addresses: 0 };
  let out = text.replace(EMAIL, (email) => {
    masked.emails++;
    const at = email.indexOf('@');
    return `${email[0]}***${email.slice(at)}`;
  });
  out = out.replace(ID_CARD, (id) => {
    if (!isValidIdCard(id)) return id;
    masked.idCards++;
    // Keep the first 3 and the last 4 characters (the check digit X counts as one): 430***********1238.
    const keepEnd = id.replace(/\D/gu, '').length === 15 || /[Xx]$/u.test(id) ? 3 : 4;
    return maskDigits(id, 3, keepEnd);
  });
  out = out.replace(BANK_CARD, (card) => {
    const n = card.replace(/\D/gu, '').length;
    if (n < 16 || n > 19 || !passesLuhn(card)) return card;
    masked.bankCards++;
    return maskDigits(card, 4, 4);
  });
  out = out.replace(MOBILE, (phone) => {
    masked.mobiles++;
    return maskDigits(phone, phone.replace(/\D/gu, '').length - 8, 4);
  });
  out = out.replace(LANDLINE, (phone, offset: number, whole: string) => {
    if (!PERSONAL_CONTEXT.test(whole.slice(Math.max(0, offset - 48), offset))) return phone;
    masked.landlines++;
    // Keep the area code: after its bracket or separator, or 3 digits for 01x/02x and 4 otherwise.
    const sep = /[)）\-－—\s]/u.exec(phone);
    const areaLength = sep ? sep.index + 1 : /^0[12]/u.test(phone) ? 3 : 4;
    return phone.slice(0, areaLength) + maskDigits(phone.slice(areaLength), 0, 4);
  });
  const addresses = maskHomeAddresses(out, options.message ?? false);
  masked.addresses = addresses.count;
  out = addresses.text;
  if (options.message) {
    const names = maskCitizenNames(out);
    masked.names = names.count;
    out = names.text;
  }
  return { text: out, masked };
}
