/**
 * Fixtures the attachment tests make for themselves (sample data written here, not real documents):
 * a 公文-style notice rendered by Chromium to an image and to a scanned (image-only) PDF, an OFD
 * package written from GB/T 33190's structure, and a .doc converted by LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { chromium, type Page } from 'playwright-core';
import { runTool, withToolFolder } from '../run-tool';

export const CHROMIUM = process.env.ZHIWEN_CHROMIUM ?? '/usr/bin/chromium';
export const canRender = existsSync(CHROMIUM);

/** Whether a command is on PATH (pdftoppm, soffice): the tests that need one skip without it. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A sample notice of an imaginary city (示例市), in the layout of a 公文: red head, 文号, title, body, signature. */
export const NOTICE = {
  head: '示例市人民政府办公室文件',
  docNumber: '示政办发〔2026〕12号',
  title: '关于做好冬季供暖保障工作的通知',
  body: [
    '各区人民政府，市政府各部门：',
    '为切实做好今冬明春供暖保障工作，确保群众温暖过冬，现将有关事项通知如下。',
    '一、供暖期为每年十一月十五日至次年三月十五日，室温不低于十八摄氏度。',
    '二、供热企业应当设立服务热线，接到报修后二十四小时内上门处理。',
  ],
  signature: ['示例市人民政府办公室', '2026年11月1日'],
};

/** The text a perfect reader would give (the reference for the character error rate). */
export const NOTICE_TEXT = [NOTICE.head, NOTICE.docNumber, NOTICE.title, ...NOTICE.body, ...NOTICE.signature].join('\n');

export type Notice = typeof NOTICE;

const noticeHtml = (n: Notice) => `<!DOCTYPE html><html><body style="margin:0;padding:110px 120px;font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:30px;line-height:1.9;background:#fff">
<div style="text-align:center;color:#c00;font-size:50px;font-weight:bold;letter-spacing:4px">${n.head}</div>
<div style="text-align:center;margin:30px 0;border-bottom:3px solid #c00;padding-bottom:20px">${n.docNumber}</div>
<div style="text-align:center;font-size:38px;font-weight:bold;margin:30px 0">${n.title}</div>
${n.body.map((p) => `<p style="margin:0;text-indent:${p.endsWith('：') ? 0 : 2}em">${p}</p>`).join('')}
<p style="text-align:right;margin-top:60px">${n.signature.join('<br>')}</p></body></html>`;

async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    return await fn(await browser.newPage({ viewport: { width: 1240, height: 1754 } }));
  } finally {
    await browser.close();
  }
}

/** The notice as a page photo/scan would be: a PNG of A4 at 150 dpi. */
export function renderNoticePng(notice: Notice = NOTICE): Promise<Buffer> {
  return withPage(async (page) => {
    await page.setContent(noticeHtml(notice));
    return page.screenshot({ fullPage: true });
  });
}

/** A PDF whose pages are only images (no text layer), as a scanner writes: `pages` copies of the image. */
export function scannedPdf(png: Buffer, pages = 1): Promise<Buffer> {
  return withPage(async (page) => {
    const img = `<img src="data:image/png;base64,${png.toString('base64')}" style="width:210mm;height:297mm;display:block">`;
    await page.setContent(`<html><body style="margin:0">${Array(pages).fill(img).join('<div style="break-after:page"></div>')}</body></html>`);
    return page.pdf({ format: 'A4', margin: { top: '0', bottom: '0', left: '0', right: '0' }, printBackground: true });
  });
}

type OfdPage = { lines: string[] } | { png: Buffer };

const xmlEscape = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/**
 * An OFD package (GB/T 33190): OFD.xml → Doc_0/Document.xml → one Content.xml per page. Text pages
 * hold one TextObject per line, written bottom line first so reading order must come from the
 * coordinates; image pages hold one ImageObject whose file is named in DocumentRes.xml.
 */
export async function makeOfd(pages: OfdPage[]): Promise<Uint8Array> {
  const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  const zip = new JSZip();
  zip.file('OFD.xml', `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${ns} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>sample</ofd:DocID><ofd:Title>${NOTICE.title}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`);
  const media: string[] = [];
  const pageRefs = pages.map((_, i) => `<ofd:Page ID="${10 + i}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('');
  pages.forEach((p, i) => {
    let objects: string;
    if ('lines' in p) {
      const size = 5.6; // 三号 in millimetres
      objects = p.lines
        .map((line, n) => `<ofd:TextObject ID="${100 * (i + 1) + n}" Boundary="25 ${40 + n * 10} 160 8" Font="2" Size="${size}"><ofd:TextCode X="0" Y="${size}" DeltaX="g ${line.length - 1} ${size}">${xmlEscape(line)}</ofd:TextCode></ofd:TextObject>`)
        .reverse()
        .join('');
    } else {
      media.push(`<ofd:MultiMedia ID="${900 + i}" Type="Image" Format="PNG"><ofd:MediaFile>page${i}.png</ofd:MediaFile></ofd:MultiMedia>`);
      zip.file(`Doc_0/Res/page${i}.png`, p.png);
      objects = `<ofd:ImageObject ID="${800 + i}" ResourceID="${900 + i}" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>`;
    }
    zip.file(`Doc_0/Pages/Page_${i}/Content.xml`, `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${ns}><ofd:Content><ofd:Layer ID="${50 + i}">${objects}</ofd:Layer></ofd:Content></ofd:Page>`);
  });
  zip.file('Doc_0/DocumentRes.xml', `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${ns} BaseLoc="Res"><ofd:MultiMedias>${media.join('')}</ofd:MultiMedias></ofd:Res>`);
  zip.file('Doc_0/Document.xml', `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${ns}><ofd:CommonData><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>${pageRefs}</ofd:Pages></ofd:Document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A Word 97–2003 .doc, converted by LibreOffice from a .docx (as an old office suite would save it). */
export async function docxToDoc(docx: Uint8Array): Promise<Buffer> {
  return withToolFolder(async (dir) => {
    await writeFile(path.join(dir, 'in.docx'), docx);
    await runTool('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'doc', '--outdir', dir, 'in.docx'], { cwd: dir, timeoutSeconds: 120 });
    return readFile(path.join(dir, 'in.doc'));
  });
}

/** A workbook written by LibreOffice from rows (.xls, the container WPS's .et is too). */
export async function rowsToXls(rows: string[][]): Promise<Buffer> {
  return withToolFolder(async (dir) => {
    const csv = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
    await writeFile(path.join(dir, 'in.csv'), csv);
    // Import filter: comma, ", UTF-8 (76), from line 1.
    await runTool('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--infilter=CSV:44,34,76,1', '--convert-to', 'xls', '--outdir', dir, 'in.csv'], { cwd: dir, timeoutSeconds: 120 });
    return readFile(path.join(dir, 'in.xls'));
  });
}

/** A presentation written by LibreOffice from slides of text lines, as .ppt (WPS's .dps is the same container) or .pptx. */
export async function slidesToPresentation(slides: string[][], format: 'ppt' | 'pptx'): Promise<Buffer> {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const pages = slides.map((lines, i) =>
    `<draw:page draw:name="p${i + 1}"><draw:frame svg:x="1cm" svg:y="1cm" svg:width="24cm" svg:height="12cm"><draw:text-box>${lines.map((l) => `<text:p>${escape(l)}</text:p>`).join('')}</draw:text-box></draw:frame></draw:page>`);
  // Flat ODF (one XML file), which LibreOffice opens like any presentation.
  const fodp = `<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation"><office:body><office:presentation>${pages.join('')}</office:presentation></office:body></office:document>`;
  return withToolFolder(async (dir) => {
    await writeFile(path.join(dir, 'in.fodp'), fodp);
    await runTool('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', format, '--outdir', dir, 'in.fodp'], { cwd: dir, timeoutSeconds: 120 });
    return readFile(path.join(dir, `in.${format}`));
  });
}

/** Character error rate: edit distance over the reference's length, whitespace ignored. */
export function characterErrorRate(reference: string, read: string): number {
  const a = [...reference.replace(/\s+/gu, '')];
  const b = [...read.replace(/\s+/gu, '')];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return a.length ? prev[b.length] / a.length : 0;
}
