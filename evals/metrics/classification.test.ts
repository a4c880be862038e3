import { describe, expect, it } from 'vitest';
import { accuracy, bestAccuracyThreshold, macroF1, prfAtThreshold } from './classification';

describe('accuracy', () => {
  it('is the share of equal positions', () => {
    expect(accuracy(['a', 'b', 'c', 'a'], ['a', 'b', 'a', 'a'])).toBe(0.75);
    expect(accuracy([], [])).toBe(0);
    expect(() => accuracy(['a'], [])).toThrow(RangeError);
  });
});

describe('macroF1', () => {
  it('matches a hand-computed case', () => {
    // gold      a a a b b c
    // predicted a a b b c c
    // a: tp2 fp0 fn1 → P1 R2/3 F1 0.8; b: tp1 fp1 fn1 → 0.5; c: tp1 fp1 fn0 → P.5 R1 F1 2/3
    const { macroF1: m, perClass } = macroF1(['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'a', 'a', 'b', 'b', 'c']);
    expect(perClass.a).toBeCloseTo(0.8);
    expect(perClass.b).toBeCloseTo(0.5);
    expect(perClass.c).toBeCloseTo(2 / 3);
    expect(m).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
  });
  it('gives 0 to a class predicted but never true', () => {
    expect(macroF1(['a', 'z'], ['a', 'a']).perClass.z).toBe(0);
  });
});

describe('prfAtThreshold', () => {
  it('matches a hand-computed case', () => {
    // scores .9 .8 .4 .3, labels 1 0 1 0, threshold .5 → tp1 fp1 fn1 tn1
    const r = prfAtThreshold([0.9, 0.8, 0.4, 0.3], [1, 0, 1, 0], 0.5);
    expect(r).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.5 });
  });
  it('predicts nothing at +Infinity', () => {
    expect(prfAtThreshold([0.9], [1], Number.POSITIVE_INFINITY)).toEqual({ precision: 0, recall: 0, f1: 0, accuracy: 0 });
  });
});

describe('bestAccuracyThreshold', () => {
  it('picks the lowest threshold with the best accuracy', () => {
    // threshold .6 separates perfectly: {.9,.6} positive, {.5,.1} negative.
    expect(bestAccuracyThreshold([0.9, 0.6, 0.5, 0.1], [1, 1, 0, 0])).toBe(0.6);
    // all negative is best → +Infinity
    expect(bestAccuracyThreshold([0.9, 0.8], [0, 0])).toBe(Number.POSITIVE_INFINITY);
  });
});
