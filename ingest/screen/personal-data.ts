/**
 * Masking of personal data before text reaches the index: 18-digit ID card numbers (checksum and
 * birth date checked), mobile numbers, landlines, e-mail addresses and bank card numbers (Luhn).
 *
 * Decisions:
 * - Mobiles, ID cards, bank cards and e-mail addresses are always masked: on a government site
 *   they belong to people (a 公示 list, a 联系人 line), and the index never needs them whole.
 * - Landlines are kept unless the clause before them names a person (联系人, 申请人, 本人, 住址…):
 *   in government text nearly every landline is an office's (a dev-corpus check of 744 official
 *   replies found 25, all "请致电/欢迎拨打我局电话…"), and citizens search for exactly those.
 * - Service numbers (12345, 12315, 110, 95588, 0731-12345) have too few digits to match anything.
 * - Digits glued to letters, "/" or units (索引号 11220000013544357T/2020-01234, 金额 …元) are left alone.
 * The masks keep a few digits (138****5678) so a reader sees what kind of number was there.
 */

export interface MaskCounts {
  idCards: number;
  mobiles: number;
  landlines: number;
  emails: number;
  bankCards: number;
}

export interface MaskResult {
  text: string;
  masked: MaskCounts;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 checksum plus a real birth date between 1900 and today. */
export function isValidIdCard(id: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/iu.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== id[17].toUpperCase()) return false;
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 1900 && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d && birth.getTime() <= Date.now()
  );
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

const ID_CARD = new RegExp(`${L}\\d{17}[\\dXx]${R}`, 'gu');
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
  /(?:联系人|申请人|本人|家属|户主|举报人|投诉人|当事人|住址|家庭|宅电|手机|姓名)[^。；;\n]{0,40}$/u;

function maskDigits(s: string, keepStart: number, keepEnd: number): string {
  const total = s.replace(/\D/gu, '').length;
  let seen = 0;
  return s.replace(/\d/gu, (d) => {
    seen++;
    return seen <= keepStart || seen > total - keepEnd ? d : '*';
  });
}

export function maskPersonalData(text: string): MaskResult {
  const masked: MaskCounts = { idCards: 0, mobiles: 0, landlines: 0, emails: 0, bankCards: 0 };
  let out = text.replace(EMAIL, (email) => {
    masked.emails++;
    const at = email.indexOf('@');
    return `${email[0]}***${email.slice(at)}`;
  });
  out = out.replace(ID_CARD, (id) => {
    if (!isValidIdCard(id)) return id;
    masked.idCards++;
    return `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(14)}`;
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
  return { text: out, masked };
}
