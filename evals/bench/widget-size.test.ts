import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatWidgetSize, WIDGET_GZIP_BUDGET_BYTES, widgetSize } from './widget-size';

describe('widgetSize', () => {
  it('measures the built bundle raw and gzipped, and it keeps within 30 KB gzipped', async () => {
    const w = await widgetSize();
    expect(w.rawBytes).toBe(statSync(w.file).size);
    expect(w.gzipBytes).toBeGreaterThan(1000);
    expect(w.gzipBytes).toBeLessThan(w.rawBytes);
    expect(w.gzipBytes).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET_BYTES);
    expect(formatWidgetSize(w)).toMatch(new RegExp(`^widget bundle: ${w.rawBytes} bytes raw \\(.+\\), ${w.gzipBytes} bytes gzipped \\(.+\\), within the 30\\.0 KB gzipped budget$`));
  });

  it('says OVER when a bundle outgrows the budget', () => {
    expect(formatWidgetSize({ file: 'x', rawBytes: 100_000, gzipBytes: 40_000, budgetGzipBytes: WIDGET_GZIP_BUDGET_BYTES })).toContain('OVER the 30.0 KB');
  });
});
