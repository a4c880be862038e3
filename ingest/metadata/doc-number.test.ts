import { describe, expect, it } from 'vitest';
import { findDocNumbers, isCitation } from './index';

// The grammar and its keys are tested in library/rules/doc-number; here, own number versus citation.
describe('isCitation', () => {
  const at = (text: string) => findDocNumbers(text)[0];
  it('treats bracketed, quoted and 根据-led numbers as citations', () => {
    const t1 = '为落实《关于做好X工作的通知》(京人社就字〔2020〕14号)精神';
    expect(isCitation(t1, at(t1))).toBe(true);
    const t2 = '根据国办发〔2017〕47号要求';
    expect(isCitation(t2, at(t2))).toBe(true);
  });
  it('treats a standalone header line, even in brackets, as the own number', () => {
    const t1 = '关于X的通知\n国办发〔2017〕47号\n各省：';
    expect(isCitation(t1, at(t1))).toBe(false);
    const t2 = '关于X的通知\n（国办发〔2017〕47号）\n各省：';
    expect(isCitation(t2, at(t2))).toBe(false);
  });
});
