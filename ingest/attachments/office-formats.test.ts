/**
 * WPS's spreadsheets and presentations (.et/.dps) and their Microsoft cousins (.xls/.xlsx/.ppt/.pptx),
 * written by LibreOffice in the test, read through LibreOffice into searchable text.
 */
import { describe, expect, it } from 'vitest';
import { attachmentToText } from './attachment-to-text';
import { makeOle2 } from './test-fixtures';
import { hasCommand, rowsToXls, slidesToPresentation } from './testing/generated-fixtures';

const ready = hasCommand('soffice');
if (!ready) console.warn('office format tests skipped: needs LibreOffice (libreoffice-calc-nogui, libreoffice-impress-nogui; .ci/run installs them)');

describe.skipIf(!ready)('spreadsheets and presentations through LibreOffice', () => {
  const rows = [['序号', '事项名称', '办理时限'], ['1', '公共租赁住房资格审核', '十五个工作日'], ['2', '住房公积金提取', '三个工作日']];

  it('reads a workbook saved as WPS .et (and as .xls) into rows of cells', async () => {
    const xls = await rowsToXls(rows);
    for (const name of ['办理时限表.et', '办理时限表.xls']) {
      const read = await attachmentToText(xls, name);
      expect(read.format).toBe('spreadsheet');
      expect(read.text.split('\n')).toEqual(rows.map((r) => r.join('\t')));
    }
  }, 120_000);

  it('reads a presentation saved as WPS .dps and as .pptx, slide text in order', async () => {
    const slides = [['政策解读：城乡居民医疗保险缴费标准', '个人缴费每人每年三百八十元'], ['缴费时间', '每年九月至十二月']];
    for (const [format, name] of [['ppt', '解读.dps'], ['pptx', '解读.pptx']] as const) {
      const read = await attachmentToText(await slidesToPresentation(slides, format), name);
      expect(read.format).toBe('presentation');
      const text = read.text.replace(/\s+/g, '');
      expect(text).toContain('个人缴费每人每年三百八十元');
      expect(text.indexOf('城乡居民医疗保险')).toBeLessThan(text.indexOf('每年九月至十二月'));
    }
  }, 120_000);

  it('rejects a workbook LibreOffice cannot read with the reason, not a crash', async () => {
    const err = await attachmentToText(makeOle2(), '统计表.et').catch((e: unknown) => e as { kind: string; reason: string });
    expect(err).toMatchObject({ kind: 'damaged' });
    expect((err as { reason: string }).reason).toContain('LibreOffice could not read it');
  }, 120_000);
});
