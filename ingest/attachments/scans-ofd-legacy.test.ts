/**
 * Attachments that used to be rejected: scanned PDFs and images (OCR with Debian's Chinese model),
 * OFD (its text layer in reading order; image pages OCR'd), and .doc through LibreOffice; and the
 * bad inputs of each, limited or rejected with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInputLimits } from '../limits';
import { attachmentToText, UnsupportedAttachmentError } from './index';
import { closeOcr, tessdataDir } from './ocr';
import { makeDocx, makeZip } from './test-fixtures';
import { canRender, hasCommand, characterErrorRate, docxToDoc, makeOfd, NOTICE, NOTICE_TEXT, renderNoticePng, scannedPdf } from './testing/generated-fixtures';

const canOcr = canRender && tessdataDir() !== null && hasCommand('pdftoppm');
const canConvert = hasCommand('soffice');
if (!canOcr) console.warn('OCR tests skipped: install chromium, tesseract-ocr-chi-sim and poppler-utils (.ci/run does)');
if (!canConvert) console.warn('.doc tests skipped: install libreoffice-writer-nogui (.ci/run does)');

async function rejection(p: Promise<unknown>): Promise<UnsupportedAttachmentError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(UnsupportedAttachmentError);
  return err as UnsupportedAttachmentError;
}

/** The characters that carry the notice's meaning must survive OCR (spacing and punctuation may not). */
const squeeze = (s: string) => s.replace(/[\s，。、：；]/gu, '');

describe.skipIf(!canOcr)('OCR of scans (tesseract.js, local model)', () => {
  let png: Buffer;
  beforeAll(async () => {
    png = await renderNoticePng();
  }, 60_000);
  afterAll(closeOcr);

  it('reads an image of a notice, with its title, body and a per-page confidence', async () => {
    const out = await attachmentToText(png, '通知.png');
    expect(out.format).toBe('image');
    expect(squeeze(out.text)).toContain(squeeze(NOTICE.title));
    expect(squeeze(out.text)).toContain('确保群众温暖过冬');
    expect(out.ocr).toMatchObject({ pageCount: 1, pages: [{ confidence: expect.any(Number), seconds: expect.any(Number) }] });
    expect(out.ocr!.meanConfidence).toBeGreaterThan(60);
    // Measured: CER 0.03–0.06 on this page (the 文号's brackets and a few look-alike characters).
    expect(characterErrorRate(NOTICE_TEXT, out.text)).toBeLessThan(0.15);
  }, 120_000);

  it('OCRs a scanned PDF page by page, up to the page limit, saying how many pages it read', async () => {
    const pdf = await scannedPdf(png, 2);
    const out = await attachmentToText(pdf, '扫描件.pdf', undefined, resolveInputLimits({ maxOcrPages: 1 }));
    expect(out.format).toBe('pdf');
    expect(out.ocr).toMatchObject({ pageCount: 2 });
    expect(out.ocr!.pages).toHaveLength(1);
    expect(squeeze(out.text)).toContain(squeeze(NOTICE.title));
  }, 180_000);

  it('reads an image named .pdf by its bytes, not its name', async () => {
    expect((await attachmentToText(png, 'download.pdf')).format).toBe('image');
  }, 120_000);

  it('OCRs the image-only pages of an OFD after its text pages', async () => {
    const ofd = await makeOfd([{ lines: [NOTICE.title, NOTICE.body[1]] }, { png }]);
    const out = await attachmentToText(ofd, '公文.ofd');
    expect(out.format).toBe('ofd');
    expect(out.text.startsWith(`${NOTICE.title}\n${NOTICE.body[1]}`)).toBe(true);
    expect(out.ocr).toMatchObject({ pageCount: 2 });
    expect(squeeze(out.text.split('\f')[1])).toContain('确保群众温暖过冬');
  }, 120_000);
});

describe('OFD text layer (GB/T 33190)', () => {
  it('puts text objects back in reading order, whatever order the file lists them in', async () => {
    const lines = [NOTICE.docNumber, NOTICE.title, ...NOTICE.body];
    const out = await attachmentToText(await makeOfd([{ lines }, { lines: NOTICE.signature }]), '示政办发〔2026〕12号.ofd');
    expect(out).toEqual({ text: `${lines.join('\n')}\n\f\n${NOTICE.signature.join('\n')}`, format: 'ofd' });
  });

  it('rejects a truncated OFD, one missing its pages, and one whose parts inflate past the limit', async () => {
    const ofd = await makeOfd([{ lines: [NOTICE.title] }]);
    expect((await rejection(attachmentToText(ofd.subarray(0, Math.floor(ofd.length * 0.7)), 'a.ofd'))).kind).toBe('truncated');
    const missing = await makeZip({
      'OFD.xml': '<ofd:OFD><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
      'Doc_0/Document.xml': '<ofd:Document><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
    });
    expect((await rejection(attachmentToText(missing, 'b.ofd'))).reason).toContain('no part "Doc_0/Pages/Page_0/Content.xml"');
    const bomb = await makeZip({
      'OFD.xml': '<ofd:OFD><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
      'Doc_0/Document.xml': `<ofd:Document><ofd:Pages><ofd:Page ID="1" BaseLoc="P.xml"/></ofd:Pages>${' '.repeat(3 * 2 ** 20)}</ofd:Document>`,
    });
    const err = await rejection(attachmentToText(bomb, 'c.ofd', undefined, resolveInputLimits({ maxDecompressedBytes: 2 ** 20 })));
    expect(err.kind).toBe('too-large');
    expect(err.reason).toContain('ZHIWEN_MAX_DECOMPRESSED_BYTES');
  });
});

describe.skipIf(!canConvert)('.doc and .wps through LibreOffice headless', () => {
  let doc: Buffer;
  beforeAll(async () => {
    doc = await docxToDoc(await makeDocx([NOTICE.docNumber, NOTICE.title, ...NOTICE.body]));
  }, 180_000);

  it('reads a Word 97–2003 file, also when it is named .wps', async () => {
    for (const name of ['通知.doc', '通知.wps']) {
      const out = await attachmentToText(doc, name);
      expect(out.format).toBe('doc');
      expect(out.text).toContain(NOTICE.docNumber);
      expect(out.text).toContain(NOTICE.body[1]);
    }
  }, 180_000);

  it('stops a conversion past its time limit and says so', async () => {
    const err = await rejection(attachmentToText(doc, 'slow.doc', undefined, resolveInputLimits({ convertTimeoutSeconds: 1 })));
    expect(err.reason).toMatch(/ran past 1 s/);
  }, 60_000);
});
