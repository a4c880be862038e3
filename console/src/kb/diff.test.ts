import { describe, expect, it } from 'vitest';
import { diffText } from './diff';

describe('diffText', () => {
  it('marks the changed characters between two answers, keeping the rest', () => {
    expect(diffText('携带身份证到派出所办理', '携带户口本和身份证到派出所办理')).toEqual([
      { kind: 'same', text: '携带' }, { kind: 'ins', text: '户口本和' }, { kind: 'same', text: '身份证到派出所办理' },
    ]);
    expect(diffText('工作日受理，三天办结', '周末受理，五天办结')).toEqual([
      { kind: 'del', text: '工作日' }, { kind: 'ins', text: '周末' }, { kind: 'same', text: '受理，' },
      { kind: 'del', text: '三' }, { kind: 'ins', text: '五' }, { kind: 'same', text: '天办结' },
    ]);
  });

  it('rebuilds both texts from its parts, and gives up on LCS for huge changes without losing text', () => {
    const a = 'a'.repeat(3000) + '中'.repeat(3000);
    const b = 'b'.repeat(3000) + '文'.repeat(3000);
    const parts = diffText(a, b);
    expect(parts.filter((p) => p.kind !== 'ins').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.kind !== 'del').map((p) => p.text).join('')).toBe(b);
    expect(parts).toEqual([{ kind: 'del', text: a }, { kind: 'ins', text: b }]);
    expect(diffText('', '')).toEqual([]);
  });
});
