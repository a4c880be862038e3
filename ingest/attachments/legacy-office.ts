import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputLimits } from '../limits';
import { unsupportedBecause } from './errors';
import { runTool, ToolError, withToolFolder } from './run-tool';

/**
 * .doc, .wps, .rtf (and WPS's .et/.dps are left to their own readers) → .docx through LibreOffice
 * headless, in a temporary folder with its own profile (two conversions at once must not share
 * one, and nothing of the service's home is touched), killed past the time limit.
 */
export async function legacyOfficeToDocx(bytes: Uint8Array, filename: string, limits: InputLimits): Promise<Uint8Array> {
  const ext = /\.(doc|wps|rtf)$/iu.exec(filename)?.[1]?.toLowerCase() ?? 'doc';
  return withToolFolder(async (dir) => {
    const input = path.join(dir, `input.${ext}`);
    await writeFile(input, bytes);
    try {
      await runTool(
        process.env.ZHIWEN_SOFFICE ?? 'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', path.join(dir, 'out'), input],
        { cwd: dir, timeoutSeconds: limits.convertTimeoutSeconds },
      );
    } catch (err) {
      if (err instanceof ToolError && err.reason === 'missing') {
        throw unsupportedBecause(filename, 'legacy-office', 'LibreOffice is not installed on this server (Debian: libreoffice-writer-nogui)', err);
      }
      throw unsupportedBecause(filename, 'legacy-office', (err as Error).message, err);
    }
    const out = await readdir(path.join(dir, 'out')).catch(() => [] as string[]);
    if (!out.includes('input.docx')) throw unsupportedBecause(filename, 'damaged', 'LibreOffice could not read it (no document came out)');
    return readFile(path.join(dir, 'out', 'input.docx'));
  });
}
