import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DISTANCE, hammingDistance, NearDuplicateIndex, simhash64, simhashHex } from './index';

/** A realistic policy text and what other sites make of it. */
const POLICY = `关于进一步做好稳就业工作的实施意见
各县（市、区）人民政府，市政府各部门：
为深入贯彻落实党中央、国务院关于做好“六稳”工作的决策部署，全力做好稳就业工作，经市政府同意，现提出以下意见。
一、支持企业稳定岗位。对不裁员或少裁员的参保企业，按其上年度实际缴纳失业保险费的50%返还。对受疫情影响暂时失去收入来源的职工，企业可与职工协商采取调整薪酬、轮岗轮休、缩短工时等方式稳定工作岗位。
二、促进高校毕业生就业。扩大事业单位招聘规模，鼓励中小微企业吸纳高校毕业生，对招用毕业年度高校毕业生并签订1年以上劳动合同的中小微企业，给予每人1000元的一次性吸纳就业补贴。
三、加强职业技能培训。支持企业开展以工代训，按每人每月500元的标准给予职业培训补贴，补贴期限最长不超过6个月。各类培训机构开展线上培训的，按规定纳入补贴范围。
四、强化就业服务。各级公共就业服务机构要加强岗位信息归集发布，组织开展网络招聘活动，为劳动者提供政策咨询、职业指导和职业介绍等服务。
五、兜牢民生底线。对符合条件的失业人员，及时发放失业保险金，将失业保险金标准上调至最低工资标准的90%；对生活困难的失业人员，按规定纳入最低生活保障范围。
六、加强组织领导。各地要把稳就业摆在更加突出的位置，建立健全工作协调机制，层层压实责任，确保各项政策措施落地见效。
本意见自印发之日起施行，有效期至2021年12月31日。`;

const REPOSTS = [
  `来源：湖南省人民政府网 发布时间：2020-03-10 浏览次数：1523\n${POLICY}\n【打印本页】【关闭窗口】`,
  `信息来源：长沙市人力资源和社会保障局 时间：2020年3月11日\n${POLICY.replace('1000元', '1500元').replace('最长不超过6个月', '最长不超过12个月')}\n分享到：`,
  POLICY.replace(/\n/gu, ' ').replace(/，/gu, ','),
];

/** Same template, different policy: the frame is shared, the measures are not. */
const SAME_TEMPLATE = `关于进一步做好稳外贸工作的实施意见
各县（市、区）人民政府，市政府各部门：
为深入贯彻落实党中央、国务院关于做好“六稳”工作的决策部署，全力做好稳外贸工作，经市政府同意，现提出以下意见。
一、支持外贸企业稳定订单。对受疫情影响出口订单减少的企业，给予出口信用保险保费50%的补助，鼓励金融机构对外贸企业不抽贷、不断贷、不压贷。
二、加快出口退税进度。税务部门将正常出口退税的平均办理时间压缩至8个工作日以内，对信用良好的企业实行无纸化申报。
三、拓展国际市场。支持企业参加线上展会，对企业参加境外线上展会的展位费给予全额补助，培育跨境电商综合试验区。
四、强化口岸服务。海关要优化通关流程，推行两步申报和提前申报，压缩进出口整体通关时间。
五、稳定外资规模。落实外商投资准入前国民待遇加负面清单管理制度，对新设外资项目给予用地、用能保障，做好重点外资企业服务。
六、加强组织领导。各地要把稳外贸摆在更加突出的位置，建立健全工作协调机制，层层压实责任，确保各项政策措施落地见效。
本意见自印发之日起施行，有效期至2021年12月31日。`;

describe('simhash64 / hammingDistance', () => {
  it('is deterministic, 64-bit, and blind to whitespace, punctuation and width', () => {
    const h = simhash64(POLICY);
    expect(simhash64(POLICY)).toBe(h);
    expect(h >> 64n).toBe(0n);
    expect(simhash64('国办发〔２０１７〕４７号 关于X的通知。')).toBe(
      simhash64('国办发〔2017〕47号关于X的通知'),
    );
    expect(simhash64('')).toBe(0n);
  });

  it('counts differing bits, on bigints or hex', () => {
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(0b1011n, 0b0001n)).toBe(2);
    const h = simhash64(POLICY);
    expect(simhashHex(h)).toMatch(/^[0-9a-f]{16}$/u);
    expect(hammingDistance(simhashHex(h), h)).toBe(0);
  });

  it('puts reposts closer to the original than a different policy of the same template', () => {
    const base = simhash64(POLICY);
    const repostDistances = REPOSTS.map((r) => hammingDistance(base, simhash64(r)));
    const templateDistance = hammingDistance(base, simhash64(SAME_TEMPLATE));
    for (const d of repostDistances) expect(d).toBeLessThanOrEqual(DEFAULT_MAX_DISTANCE);
    expect(templateDistance).toBeGreaterThan(DEFAULT_MAX_DISTANCE);
  });
});

describe('NearDuplicateIndex', () => {
  it('clusters reposts under the first document and keeps a same-template policy apart', () => {
    const index = new NearDuplicateIndex();
    expect(index.add('gov-1', POLICY)).toMatchObject({
      clusterId: 'gov-1',
      duplicateOf: null,
      distance: null,
    });
    REPOSTS.forEach((text, i) => {
      const r = index.add(`repost-${i}`, text);
      expect(r.clusterId).toBe('gov-1');
      expect(r.distance).toBeLessThanOrEqual(DEFAULT_MAX_DISTANCE);
    });
    expect(index.add('other', SAME_TEMPLATE)).toMatchObject({ clusterId: 'other', duplicateOf: null });
    expect(index.size).toBe(5);
  });

  it('finds every fingerprint within maxDistance through the bands (pigeonhole), whatever bits differ', () => {
    const index = new NearDuplicateIndex({ maxDistance: 10 });
    const base = 0x0123456789abcdefn;
    index.addHash('base', base);
    for (let trial = 0; trial < 64; trial++) {
      // 10 flipped bits: spread evenly, or bunched two per band, or all in a run.
      let flipped = base;
      const positions = new Set<number>();
      for (let k = 0; positions.size < 10; k++)
        positions.add((trial + k * (trial % 3 === 0 ? 6 : trial % 3 === 1 ? 1 : 11)) % 64);
      for (const p of positions) flipped ^= 1n << BigInt(p);
      expect(hammingDistance(base, flipped)).toBe(10);
      const r = index.addHash(`near-${trial}`, flipped);
      expect(r.clusterId).toBe('base');
      index.remove(`near-${trial}`);
    }
    expect(index.addHash('far', ~base & 0xffffffffffffffffn).duplicateOf).toBeNull();
  });

  it('prefers the closest earlier document, and forgets removed ones', () => {
    const index = new NearDuplicateIndex({ maxDistance: 4 });
    index.addHash('a', 0b1111n);
    index.addHash('b', 0b0011n << 20n);
    expect(index.addHash('c', 0b0111n).duplicateOf).toBe('a');
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.addHash('d', 0b1111n)).toMatchObject({ duplicateOf: 'c', clusterId: 'a' });
  });

  it('rejects a repeated id and a bad threshold with what to do', () => {
    const index = new NearDuplicateIndex();
    index.add('x', POLICY);
    expect(() => index.add('x', POLICY)).toThrow(/remove it before adding it again/u);
    expect(() => new NearDuplicateIndex({ maxDistance: 40 })).toThrow(/3–12 is the useful range/u);
  });
});

const corpusDir = process.env.ZHIWEN_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus');
const corpusAvailable = existsSync(resolve(corpusDir, 'documents/ncp2020_policy_docs.jsonl'));

function read(file: string): Array<{ id: string; title: string | null; text: string }> {
  return readFileSync(resolve(corpusDir, 'documents', file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; title: string | null; text: string });
}

function edit(text: string, k: number): string {
  const chars = [...text];
  for (let i = 1; i <= k; i++) chars[Math.floor((chars.length * i) / (k + 1))] = '的';
  return chars.join('');
}

function dropMiddleSentence(text: string): string {
  const sentences = text.split(/(?<=。)/u);
  if (sentences.length >= 6) sentences.splice(Math.floor(sentences.length / 2), 1);
  return sentences.join('');
}

/** The threshold test: reposts of real policy texts vs. different laws written from one template. */
describe.skipIf(!corpusAvailable)('the chosen threshold on the dev corpus', () => {
  it('joins ≥ 95% of reposts (source line, print footer, small edits) to their original', () => {
    const docs = read('ncp2020_policy_docs.jsonl').filter((d) => d.text.length > 300);
    let joined = 0;
    let total = 0;
    for (const d of docs) {
      const base = simhash64(d.text);
      const variants = [
        `来源：湖南省人民政府网 发布时间：2020-02-10\n${d.text}\n【打印本页】【关闭窗口】`,
        `信息来源：长沙市人民政府 时间：2020年2月11日 浏览次数：328\n${edit(d.text, 3)}\n分享到：`,
        dropMiddleSentence(d.text),
        edit(d.text, 5),
      ];
      for (const v of variants) {
        total++;
        if (hammingDistance(base, simhash64(v)) <= DEFAULT_MAX_DISTANCE) joined++;
      }
    }
    // Measured: 96.6% of 612 (see DEFAULT_MAX_DISTANCE for the figures at other thresholds).
    expect(joined / total).toBeGreaterThan(0.95);
  });

  it('keeps different NCP documents apart, real cross-site reposts included in the clusters', () => {
    const index = new NearDuplicateIndex();
    const clustered = read('ncp2020_policy_docs.jsonl').filter(
      (d) => d.text.length > 300 && index.add(d.id, d.text).duplicateOf !== null,
    );
    // The corpus holds three groups of reposts (国家税务总局's 税收优惠政策指引 and 公告, 2 + 3 + 2
    // documents, distances 0–4): four documents join an earlier one; nothing else does.
    expect(clustered.length).toBe(4);
  });

  it('merges at most 1 in 10,000 pairs of different laws, and none outside model-law copies', () => {
    const laws = read('laws_lawrefbook.jsonl');
    const stem = (t: string | null) => (t ?? '').replace(/^中华人民共和国/u, '').replace(/[（(].*$/u, '');
    const hashes = laws.map((l) => simhash64(l.text));
    let pairs = 0;
    const merged: string[] = [];
    for (let i = 0; i < laws.length; i++) {
      for (let j = i + 1; j < laws.length; j++) {
        if (stem(laws[i].title) === stem(laws[j].title)) continue; // versions of one law
        pairs++;
        if (hammingDistance(hashes[i], hashes[j]) <= DEFAULT_MAX_DISTANCE)
          merged.push(`${laws[i].title} | ${laws[j].title}`);
      }
    }
    expect(merged.length / pairs).toBeLessThan(1e-4);
    for (const pair of merged)
      expect(pair).toMatch(/钢结构建筑应用促进条例|制定地方性法规条例|地方立法条例/u);
  });
});
