import { describe, expect, it } from 'vitest';
import {
  findPolicyReferences,
  interpretationTarget,
  linkInterpretations,
  normalizePolicyTitle,
} from './index';
import type { LinkableDocument } from './index';

describe('findPolicyReferences', () => {
  it('lists 《titles》 (with inner 〈〉) and 文号 once each, in order', () => {
    const text =
      '根据《关于转发〈江西省X的紧急通知〉的通知》（新洪冠指交发〔2020〕14号）和《X办法》、国办发[2017]47号，以及《X办法》和国办发〔2017〕47号。';
    const refs = findPolicyReferences(text);
    expect(refs.titles.map((t) => t.title)).toEqual(['关于转发〈江西省X的紧急通知〉的通知', 'X办法']);
    expect(refs.docNumbers.map((n) => n.key)).toEqual(['新洪冠指交发〔2020〕14号', '国办发〔2017〕47号']);
    expect(text.slice(refs.titles[1].start, refs.titles[1].end)).toBe('《X办法》');
  });
});

describe('normalizePolicyTitle / interpretationTarget', () => {
  it.each([
    ['《国务院办公厅关于进一步激发社会领域投资活力的意见》', '进一步激发社会领域投资活力的意见'],
    ['关于印发《北京市X管理办法（试行）》的通知', '北京市X管理办法'],
    ['北京市人民政府关于印发〈X办法〉的通知', 'X办法'],
    ['国务院关于修改《X条例》的决定', '修改X条例的决定'],
    ['Ｘ管理办法 （试行）', 'X管理办法'],
  ])('%s → %s', (title, key) => {
    expect(normalizePolicyTitle(title)).toBe(key);
  });

  it.each([
    ['《X管理办法》的解读', 'X管理办法'],
    ['《北京市X管理办法（试行）》政策解读', '北京市X管理办法'],
    ['X管理办法政策解读', 'X管理办法'],
    ['国家发展改革委有关负责人就《关于X的意见》答记者问', 'X的意见'],
    ['一图读懂X工作方案', 'X工作方案'],
    ['政策解读', null],
  ])('interpretation %s is about %s', (title, key) => {
    expect(interpretationTarget(title)).toBe(key);
  });
});

const doc = (
  id: string,
  title: string,
  infoType: LinkableDocument['infoType'],
  body = '',
  docNumberKey: string | null = null,
): LinkableDocument => ({
  id,
  title,
  infoType,
  body,
  docNumberKey,
});

describe('linkInterpretations', () => {
  const policies = [
    doc(
      'p1',
      '北京市人民政府办公厅关于印发《北京市X管理办法（试行）》的通知',
      '政策文件',
      '…',
      '京政办发〔2020〕7号',
    ),
    doc('p2', '国务院办公厅关于进一步激发社会领域投资活力的意见', '政策文件', '…', '国办发〔2017〕21号'),
    doc('p3', '北京市人民政府关于加强Y工作的意见', '政策文件'),
    doc('p4', '上海市人民政府关于加强Y工作的意见', '政策文件'),
    doc('p5', '中华人民共和国Z法', '政策文件'),
  ];

  it('links by the title the interpretation names, by 文号 in its opening, and by a 《title》 in its opening', () => {
    const links = linkInterpretations([
      ...policies,
      doc('i1', '《北京市X管理办法》的解读', '政策解读', '为加强X管理，市政府办公厅印发了《办法》。'),
      doc(
        'i2',
        '国办发〔2017〕21号文件解读',
        '政策解读',
        '近日，国务院办公厅印发《意见》（国办发〔2017〕21号）。',
      ),
      doc(
        'i3',
        '专家解读：激发社会领域投资活力',
        '政策解读',
        '《国务院办公厅关于进一步激发社会领域投资活力的意见》近日印发。',
      ),
    ]);
    expect(links).toEqual([
      { interpretationId: 'i1', policyId: 'p1', by: 'title' },
      { interpretationId: 'i2', policyId: 'p2', by: 'docNumber' },
      { interpretationId: 'i3', policyId: 'p2', by: 'title' },
    ]);
  });

  it("uses the place name to pick between two provinces' policies of the same title, and refuses when it cannot", () => {
    const links = linkInterpretations([
      ...policies,
      doc('i4', '北京市《关于加强Y工作的意见》政策解读', '政策解读'),
      doc('i5', '《关于加强Y工作的意见》解读', '政策解读'),
    ]);
    expect(links).toEqual([{ interpretationId: 'i4', policyId: 'p3', by: 'title' }]);
  });

  it('ignores background citations after the opening and documents that are not 政策文件', () => {
    const background = `${'本意见坚持问题导向。'.repeat(40)}根据《中华人民共和国Z法》和国办发〔2017〕21号文件精神……`;
    const links = linkInterpretations([
      ...policies,
      doc('n1', '《北京市X管理办法》', '新闻动态'),
      doc('i6', '《W条例》解读', '政策解读', background),
    ]);
    expect(links).toEqual([]);
  });
});
