import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { attachmentToText, UnsupportedAttachmentError } from './index';
import { closeOcr } from './ocr';
import {
  makeChinesePdf,
  makeDocx,
  makeEncryptedPdf,
  makeOle2,
  makeScannedPdf,
  makeTextPdf,
  makeZip,
} from './test-fixtures';

async function rejection(promise: Promise<unknown>): Promise<UnsupportedAttachmentError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnsupportedAttachmentError);
  return err as UnsupportedAttachmentError;
}


afterAll(closeOcr); // the blank scan below starts the OCR worker
describe('attachmentToText: formats we read', () => {
  it('reads the text layer of a PDF, line by line', async () => {
    const pdf = makeTextPdf([
      'Notice on Water Supply (2023)',
      'Article 1: Water quality must meet GB 5749-2022.',
    ]);
    const out = await attachmentToText(pdf, 'notice.pdf', 'application/pdf');
    expect(out.format).toBe('pdf');
    expect(out.text.split('\n')).toEqual([
      'Notice on Water Supply (2023)',
      'Article 1: Water quality must meet GB 5749-2022.',
    ]);
  });

  it('reads Chinese text set in a non-embedded CJK font (needs the predefined CMaps)', async () => {
    const out = await attachmentToText(
      makeChinesePdf([
        '关于做好政府信息公开工作的通知',
        '第一条　为了保障公民依法获取政府信息，制定本条例。',
      ]),
      '通知.pdf',
    );
    // The ideographic space comes back as a plain space (pdfjs maps the CID of U+3000 to U+0020).
    expect(out.text.split('\n')).toEqual([
      '关于做好政府信息公开工作的通知',
      '第一条 为了保障公民依法获取政府信息，制定本条例。',
    ]);
  });

  it('recognises a PDF by its bytes even when the name says otherwise', async () => {
    const out = await attachmentToText(makeTextPdf(['Renamed file with a text layer']), 'download.aspx');
    expect(out).toEqual({ text: 'Renamed file with a text layer', format: 'pdf' });
  });

  it('reads paragraphs and table cells of a DOCX', async () => {
    const docx = await makeDocx(
      ['关于做好2024年防汛工作的通知', '各区县人民政府：', '现将有关事项通知如下。'],
      [
        ['区县', '责任人'],
        ['东城区', '张三'],
      ],
    );
    const out = await attachmentToText(docx, '防汛通知.docx');
    expect(out.format).toBe('docx');
    expect(out.text.split('\n')).toEqual([
      '关于做好2024年防汛工作的通知',
      '各区县人民政府：',
      '现将有关事项通知如下。',
      '区县',
      '责任人',
      '东城区',
      '张三',
    ]);
  });

  it('reads GBK and UTF-8 (with BOM) plain text', async () => {
    const gbk = await attachmentToText(
      iconv.encode('办事指南\r\n一、办理条件\r\n二、所需材料：身份证复印件。', 'gbk'),
      '指南.txt',
    );
    expect(gbk).toEqual({ text: '办事指南\n一、办理条件\n二、所需材料：身份证复印件。', format: 'txt' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('咨询电话：12345', 'utf8')]);
    expect(await attachmentToText(bom, 'a.txt')).toEqual({ text: '咨询电话：12345', format: 'txt' });
  });

  it('extracts the main text of an HTML attachment', async () => {
    const html =
      '<html><head><meta charset="utf-8"><title>附件</title></head><body><div class="nav"><a href="/">首页</a> <a href="/x">新闻</a></div>' +
      '<p>本办法所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息。</p></body></html>';
    const out = await attachmentToText(Buffer.from(html, 'utf8'), '附件1.html', 'text/html');
    expect(out).toEqual({
      text: '本办法所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息。',
      format: 'html',
    });
  });
});

describe('attachmentToText: formats we reject, with a reason for the editor', () => {
  it('rejects a scanned PDF whose pages OCR finds no text on (a blank scan)', async () => {
    const err = await rejection(attachmentToText(makeScannedPdf(), '扫描件.pdf'));
    expect(err.kind).toBe('scanned-pdf');
    expect(err.reason).toContain('扫描件未能识别出文字');
    expect(err.message).toContain('扫描件.pdf');
  });

  it('rejects a password-protected PDF', async () => {
    const err = await rejection(
      attachmentToText(makeEncryptedPdf(['Secret minutes'], 'user-pw', 'owner-pw'), 'minutes.pdf'),
    );
    expect(err.kind).toBe('encrypted');
    expect(err.reason).toContain('PDF已加密');
  });

  it('rejects a damaged PDF', async () => {
    const broken = makeTextPdf(['Truncated']).subarray(0, 60);
    expect((await rejection(attachmentToText(broken, 'broken.pdf'))).kind).toBe('damaged');
  });

  it.each([
    ['通知.doc', 'damaged', 'LibreOffice could not read it'],
    ['报告.wps', 'damaged', 'LibreOffice could not read it'],
    ['统计表.xls', 'damaged', 'LibreOffice could not read it'],
  ])('rejects OLE2 compound files that hold no document (%s)', async (name, kind, hint) => {
    const err = await rejection(attachmentToText(makeOle2(), name));
    expect(err.kind).toBe(kind);
    expect(err.reason).toContain(hint);
  });

  it('rejects an OFD that names no document, a workbook package without sheets, and unknown bytes', async () => {
    const ofd = await makeZip({ 'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>' });
    expect((await rejection(attachmentToText(ofd, '公文.ofd'))).reason).toContain('OFD.xml names no document');
    const xlsx = await makeZip({ 'xl/workbook.xml': '<workbook/>' });
    expect((await rejection(attachmentToText(xlsx, '名单.xlsx'))).kind).toBe('damaged');
    expect((await rejection(attachmentToText(new Uint8Array([1, 2, 3]), 'data.bin'))).kind).toBe('unknown');
    expect((await rejection(attachmentToText(new Uint8Array([1, 2, 3]), 'fake.docx'))).kind).toBe('damaged');
  });

  it('names a truncated DOCX as truncated, whatever part it was cut before', async () => {
    const docx = await makeDocx(['关于做好2024年防汛工作的通知', '现将有关事项通知如下。']);
    for (const cut of [0.1, 0.6, 0.95]) {
      const err = await rejection(attachmentToText(docx.subarray(0, Math.floor(docx.length * cut)), '通知.docx'));
      expect(err.kind).toBe('truncated');
      expect(err.reason).toMatch(/truncated/);
    }
  });
});
