import { describe, expect, it } from 'vitest';
import { charPrf } from './char-f1';

describe('charPrf', () => {
  it('matches a hand-computed case, whitespace ignored', () => {
    // predicted 甲乙丙丁 vs gold 乙 丙戊: overlap 2 → P 2/4, R 2/3, F1 = 2·.5·.667/(1.167) = 4/7
    const r = charPrf('甲乙丙丁', '乙 丙戊');
    expect(r.precision).toBeCloseTo(0.5);
    expect(r.recall).toBeCloseTo(2 / 3);
    expect(r.f1).toBeCloseTo(4 / 7);
  });
});
