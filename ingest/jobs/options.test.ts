import { describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../../library/errors';
import { backoffDelay, failureReason, resolveJobQueueOptions } from './options';

describe('job queue options', () => {
  it('merges defaults once and rejects values out of range with the option named', () => {
    expect(resolveJobQueueOptions({ attempts: undefined })).toMatchObject({
      prefix: 'zhiwen',
      attempts: 5,
      backoffMs: 1000,
      lockMs: 30_000,
    });
    expect(() => resolveJobQueueOptions({ attempts: 0 })).toThrow(
      'job queue option attempts must be an integer from 1 to 100, got 0',
    );
    expect(() => resolveJobQueueOptions({ prefix: 'a:b' })).toThrow(/prefix "a:b"/);
  });
  it('backs off exponentially from the base delay, as BullMQ does', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('gives coded errors their code in the reason', () => {
    expect(failureReason(new InvalidRecordError('title is missing'))).toBe(
      'INVALID_RECORD: title is missing',
    );
    expect(failureReason(new Error('boom'))).toBe('boom');
    expect(failureReason('text')).toBe('non-error thrown: text');
  });
});
