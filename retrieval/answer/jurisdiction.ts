/**
 * Whose rule an answer states. A local document answers a citizen who did not name a place only
 * for that place: the answer says so ("（适用于陇南市）…"), instead of passing 陇南's rule off as the rule.
 */

/** A place name as it opens a local issuer, a title or a Q&A question: 陇南市, 甘肃省, 东湖区, 广西壮族自治区. */
const PLACE = /^(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|自治州|州|盟|地区|县|区|旗))(?=[\u4e00-\u9fff])/u;
/** A document's own statement of where it applies. */
const APPLIES = /本(?:办法|规定|细则|通知|措施|方案|条例|意见|实施意见)(?:适用于|在)([\u4e00-\u9fff]{2,10}?(?:省|自治区|市|自治州|州|县|区))/u;
/** Openings that look like a place but are not one (national bodies, generic words). */
const NOT_A_PLACE = /^(?:中华人民共和国|全国|国家|国务院|中共|中央|本市|本省|本区|本县|我市|我省|各市|各省|城市|城区|社区|开发区|高新区|新区|地区|市区|郊区|辖区|景区|园区)/u;

/** The place a text opens with, if any ("陇南市住房公积金管理中心" → 陇南市). */
export function placeOpening(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (!t || NOT_A_PLACE.test(t)) return null;
  return PLACE.exec(t)?.[0] ?? null;
}

/** Where a document's rule applies: its own 适用于 statement, else the place its issuer or title opens with. */
export function documentJurisdiction(doc: { issuer: string | null; title: string; text: string }): string | null {
  return APPLIES.exec(doc.text)?.[1] ?? placeOpening(doc.issuer) ?? placeOpening(doc.title);
}

/** A place's short form (陇南市 → 陇南), which citizens also type. */
const shortForm = (place: string): string => place.replace(/(?:壮族|回族|维吾尔)?(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)$/u, '');

/** The note that opens an answer from `place`'s rule, or '' when the question names that place itself. */
export function jurisdictionNote(place: string | null, question: string): string {
  if (!place) return '';
  const short = shortForm(place);
  if (question.includes(place) || (short.length >= 2 && question.includes(short))) return '';
  return `（适用于${place}）`;
}
