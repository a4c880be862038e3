/**
 * OCR text is searchable, but a misread 文号 or issuer would become a wrong citation: text read by OCR
 * fills those fields only when tesseract's mean confidence over the pages reaches this.
 * (Generated clean 公文 scans read at 89–91; photos taken askew fall to 50–70.)
 */
export const OCR_METADATA_MIN_CONFIDENCE = 80;

/** Whether a document's text may fill metadata: true unless it was read by OCR below the threshold. */
export function textTrustedForMetadata(extra: Record<string, unknown> | undefined): boolean {
  const attachment = extra?.attachment as { ocr?: { meanConfidence?: number } } | undefined;
  const confidence = attachment?.ocr?.meanConfidence;
  return confidence === undefined || confidence >= OCR_METADATA_MIN_CONFIDENCE;
}
