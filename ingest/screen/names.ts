/**
 * Citizens' names in messages (留言, 咨询, the replies to them): "市民李明反映" → "市民李**反映",
 * "张某某您好" → "张**您好", "尊敬的王小红女士" → "尊敬的王女士", "我叫谭燕，" → "我叫谭**，".
 *
 * Rules (messages only; policy text names officials, whose names are public):
 * - A name is a common surname (below) and one or two more characters, and counts only where a
 *   name is written: after a role word (市民, 网友, 业主, 投诉人…), a self-introduction (我叫, 本人,
 *   姓名：, 联系人：), 尊敬的/亲爱的, or at a clause start, and before what follows a name there
 *   (您好, 反映, 来信, a colon or comma, 先生/女士…).
 * - Officials addressed by title (易书记, 张县长, 赵主任) are public and stay; so do surname plus
 *   honorific alone (王女士), which is already the masked form.
 * - The given name becomes "**" whatever its length, so the mask does not tell it; with an
 *   honorific it is dropped (王小红女士 → 王女士).
 */

/** The ~200 commonest single surnames and the compound ones still in use. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝储揭蔺植练';
const COMPOUND = '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|宇文|长孙|夏侯|轩辕|司徒|端木';
const SURNAME = `(?:${COMPOUND}|[${SURNAMES}])`;
const GIVEN = '[\\u4e00-\\u9fff]{1,2}';

/** Titles of officials and professions: "易书记", "张县长" are addressed in office, not as citizens. */
const OFFICIAL =
  /^(?:书记|县长|市长|省长|区长|镇长|乡长|村长|局长|厅长|部长|处长|科长|股长|所长|站长|校长|院长|主任|主席|委员|代表|领导|老师|医生|律师|经理|总|队长|干部|警官|支书|秘书|同学|师傅)/u;
/** Words a role is often followed by that are not names: 市民游客, 网友朋友, 居民代表. */
const NOT_A_NAME =
  /^(?:游客|朋友|们|代表|家属|群众|同志|反映|投诉|来信|咨询|所|如需|多次|一直|贵|您|你|我|有关|相关|政府|部门|上级|关系|利益|权益|意见|诉求|生活|需求|安全|健康|出行|谢谢)/u;
/** 同志 is left out: in replies "李华同志" is mostly a cadre. */
const HONORIFIC = '(?:先生|女士|小姐|阿姨|大爷|大姐|大哥)';
const HONORIFIC_RE = new RegExp(`^${HONORIFIC}`, 'u');

const ROLE = '(?:市民|网友|网民|群众|居民|村民|业主|住户|用户|来信人|留言人|来电人|投诉人|举报人|反映人|咨询人|当事人|申请人|求助人|患者|家长)';
const INTRO = '(?:我叫|我是|本人叫|本人|姓名[：:]\\s*|联系人[：:]\\s*|尊敬的|亲爱的)';
/** Where a name may start: a role word, an introduction, or a clause start. */
const BEFORE = `(?<=${ROLE}|${INTRO}|^|[\\s，,。：:！!？?、；;“”"（(）)【】])`;
/** What follows a name written as a name. */
const AFTER = '(?=\\s*(?:[：:，,。；;（(]|您好|你好|反映|来信|留言|投诉|举报|咨询|来电|诉称|家住|身份证)|$)';

const WITH_HONORIFIC = new RegExp(`${BEFORE}(${SURNAME})(${GIVEN})(${HONORIFIC})`, 'gmu');
const BARE = new RegExp(`${BEFORE}(${SURNAME})(${GIVEN})${AFTER}`, 'gmu');
/** A bare name needs a role or an introduction before it unless it opens a greeting (张某某您好). */
const STRONG_BEFORE = new RegExp(`(?:${ROLE}|${INTRO})$`, 'u');
const GREETING = /^\s*[：:，,]?\s*(?:您好|你好)/u;
/** …or is followed by the person's details: "储某某，住…", "张三，身份证号…". */
const DETAILS = /^\s*[，,]\s*(?:住|家住|身份证|电话|手机|联系电话|男|女)/u;

export interface NameMaskResult {
  text: string;
  count: number;
}

export function maskCitizenNames(text: string): NameMaskResult {
  let count = 0;
  let out = text.replace(WITH_HONORIFIC, (whole: string, surname: string, given: string, honorific: string) => {
    if (OFFICIAL.test(given) || NOT_A_NAME.test(given) || NOT_A_NAME.test(surname + given)) return whole;
    count++;
    return `${surname}${honorific}`;
  });
  out = out.replace(BARE, (whole: string, surname: string, given: string, offset: number, all: string) => {
    if (OFFICIAL.test(given) || HONORIFIC_RE.test(given) || NOT_A_NAME.test(given) || NOT_A_NAME.test(surname + given)) {
      return whole;
    }
    const before = all.slice(Math.max(0, offset - 8), offset);
    const after = all.slice(offset + whole.length, offset + whole.length + 6);
    if (!STRONG_BEFORE.test(before) && !GREETING.test(after) && !DETAILS.test(after)) return whole;
    count++;
    return `${surname}**`;
  });
  return { text: out, count };
}
