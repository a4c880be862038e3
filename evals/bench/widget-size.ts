// The widget's weight on a citizen's phone: the bundle widget/build.ts makes, raw and gzipped
// (level 9, as a server would compress a static file), against its budget of 30 KB gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ensureWidgetBundle } from '../../widget/build';

/** The widget's budget (issue 16): 30 KB gzipped, its dependencies included. */
export const WIDGET_GZIP_BUDGET_BYTES = 30 * 1024;

export interface WidgetSizeResult {
  /** The bundle measured (dist/widget/zhiwen.js, built first when stale). */
  file: string;
  rawBytes: number;
  gzipBytes: number;
  budgetGzipBytes: number;
}

export async function widgetSize(): Promise<WidgetSizeResult> {
  const { file } = await ensureWidgetBundle();
  const code = readFileSync(file);
  return { file, rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, budgetGzipBytes: WIDGET_GZIP_BUDGET_BYTES };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** One line for the bench report: raw and gzipped bytes, and whether the budget holds. */
export function formatWidgetSize(w: WidgetSizeResult): string {
  const verdict = w.gzipBytes <= w.budgetGzipBytes ? 'within' : 'OVER';
  return `widget bundle: ${w.rawBytes} bytes raw (${kb(w.rawBytes)}), ${w.gzipBytes} bytes gzipped (${kb(w.gzipBytes)}), ${verdict} the ${kb(w.budgetGzipBytes)} gzipped budget`;
}
