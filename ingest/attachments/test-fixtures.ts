/**
 * Real attachment bytes built from scratch for the tests: minimal valid PDFs (text, image-only,
 * password-protected with the standard security handler, revision 2) and OOXML packages.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** Serialises numbered objects (1..n) with a correct xref table. Object 1 must be the catalog. */
function writePdf(objects: PdfObject[], trailerExtra = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(length);
    const body = obj.stream
      ? Buffer.concat([
          Buffer.from(
            `${i + 1} 0 obj\n${obj.dict.replace('>>', ` /Length ${obj.stream.length} >>`)}\nstream\n`,
            'latin1',
          ),
          obj.stream,
          Buffer.from('\nendstream\nendobj\n', 'latin1'),
        ])
      : Buffer.from(`${i + 1} 0 obj\n${obj.dict}\nendobj\n`, 'latin1');
    parts.push(body);
    length += body.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ];
  parts.push(
    Buffer.from(
      `${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

const escapePdf = (s: string): string => s.replace(/([\\()])/g, '\\$1');

function textContent(lines: string[]): Buffer {
  const ops = lines.map((l, i) => `${i === 0 ? '' : '0 -16 Td '}(${escapePdf(l)}) Tj`).join('\n');
  return Buffer.from(`BT\n/F1 12 Tf\n72 720 Td\n${ops}\nET`, 'latin1');
}

function textPageObjects(content: Buffer): PdfObject[] {
  return [
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    {
      dict: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    },
    { dict: '<< >>', stream: content },
    { dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
  ];
}

/** One page of ASCII text in Helvetica, one line per entry. */
export function makeTextPdf(lines: string[]): Uint8Array {
  return writePdf(textPageObjects(textContent(lines)));
}

/**
 * One page of Chinese text in STSong-Light through the predefined UniGB-UCS2-H CMap, as
 * government PDFs made with non-embedded Chinese fonts are: readable only with pdfjs's CMaps.
 */
export function makeChinesePdf(lines: string[]): Uint8Array {
  const ucs2 = (s: string): string => Buffer.from(s, 'utf16le').swap16().toString('hex');
  const ops = lines.map((l, i) => `${i === 0 ? '' : '0 -20 Td '}<${ucs2(l)}> Tj`).join('\n');
  const objects = textPageObjects(Buffer.from(`BT\n/F1 14 Tf\n72 720 Td\n${ops}\nET`, 'latin1'));
  objects[4] = {
    dict:
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font ' +
      '/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> ' +
      '/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 ' +
      '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >> /DW 1000 >>] >>',
  };
  return writePdf(objects);
}

/** One page holding only an image, as a scanner produces: no text layer. */
export function makeScannedPdf(): Uint8Array {
  return writePdf([
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    {
      dict: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    },
    { dict: '<< >>', stream: Buffer.from('q 612 0 0 792 0 0 cm /Im1 Do Q', 'latin1') },
    {
      dict: '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
      stream: Buffer.from([0x20, 0xe0, 0xe0, 0x20]),
    },
  ]);
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const md5 = (...parts: Buffer[]): Buffer => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (pw: string): Buffer => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

/** A text PDF encrypted with a user password (RC4 40-bit, PDF 1.4 standard security handler R2). */
export function makeEncryptedPdf(lines: string[], userPassword: string, ownerPassword: string): Uint8Array {
  const id = createHash('md5').update('zhiwen-test').digest();
  const permissions = -44;
  const o = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padded(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, PAD);
  // Streams are encrypted with a per-object key: md5(key + object number + generation).
  const objKey = md5(key, Buffer.from([4, 0, 0, 0, 0])).subarray(0, 10);
  const objects = textPageObjects(rc4(objKey, textContent(lines)));
  objects.push({
    dict: `<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${u.toString('hex')}> /P ${permissions} >>`,
  });
  return writePdf(objects, `/Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] `);
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A .docx package with the three parts Word needs: content types, package rels, document. */
export async function makeDocx(paragraphs: string[], table: string[][] = []): Promise<Uint8Array> {
  const p = (t: string): string => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(t)}</w:t></w:r></w:p>`;
  const rows = table.map((r) => `<w:tr>${r.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`).join('');
  const body = paragraphs.map(p).join('') + (rows ? `<w:tbl>${rows}</w:tbl>` : '');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

/** A ZIP package holding the named members (OFD, XLSX skeletons for the rejection tests). */
export async function makeZip(members: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(members)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array' });
}

/** The 8-byte signature of OLE2 compound files (.doc, .xls, .wps) followed by filler. */
export function makeOle2(): Uint8Array {
  return new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);
}
