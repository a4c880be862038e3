// The widget bundle as widget/build.ts writes it: one classic script, stamped with its sources, rebuilt
// only when they change.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleStamp, ensureWidgetBundle, sourceStamp, WIDGET_SOURCES } from './build';

describe('widget/build.ts', () => {
  let dir: string;
  let sources: string;
  let out: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-widget-build-'));
    sources = path.join(dir, 'src');
    cpSync(WIDGET_SOURCES, sources, { recursive: true }); // a copy whose sources the test may change
    out = path.join(dir, 'out', 'zhiwen.js');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a missing bundle: one minified classic script defining <zhiwen-search>, stamped with its sources', async () => {
    const first = await ensureWidgetBundle({ entry: path.join(sources, 'index.ts'), out });
    expect(first).toEqual({ file: out, built: true });
    const code = readFileSync(out, 'utf8');
    expect(code).toContain('zhiwen-search');
    expect(code).not.toMatch(/^\s*(import|export)\s/m); // no module syntax left
    const sourceBytes = readdirSync(sources).filter((f) => f.endsWith('.ts')).reduce((n, f) => n + statSync(path.join(sources, f)).size, 0);
    expect(code.length).toBeLessThan(sourceBytes / 2); // minified
    expect(bundleStamp(out)).toBe(await sourceStamp(sources));
  });

  it('leaves a fresh bundle alone and rebuilds one whose sources changed', async () => {
    const entry = path.join(sources, 'index.ts');
    const before = statSync(out).mtimeMs;
    expect(await ensureWidgetBundle({ entry, out })).toEqual({ file: out, built: false });
    expect(statSync(out).mtimeMs).toBe(before);
    const stale = bundleStamp(out);
    writeFileSync(path.join(sources, 'styles.ts'), `${readFileSync(path.join(sources, 'styles.ts'), 'utf8')}\n// changed\n`);
    expect(await sourceStamp(sources)).not.toBe(stale);
    expect(await ensureWidgetBundle({ entry, out })).toEqual({ file: out, built: true });
    expect(bundleStamp(out)).toBe(await sourceStamp(sources));
  });

  it('does not count tests as sources', async () => {
    const stamp = await sourceStamp(sources);
    writeFileSync(path.join(sources, 'extra.test.ts'), 'export {};\n');
    expect(await sourceStamp(sources)).toBe(stamp);
  });
});
