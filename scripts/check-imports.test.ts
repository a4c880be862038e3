// The import check run as CI runs it, on small fixture trees: it must fail on a circle and pass without one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), 'check-imports.mjs');
const trees: string[] = [];

/** A fixture tree of the given files (path → source); returns the check's exit code and output. */
function checkTree(files: Record<string, string>): { code: number | null; output: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-imports-'));
  trees.push(root);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('scripts/check-imports.mjs', () => {
  it('passes a tree whose imports point one way', () => {
    const run = checkTree({
      'library/a.ts': 'export const a = 1;\n',
      'api/app.ts': "import { a } from '../library/a';\nimport { route } from './route';\nexport const app = [a, route];\n",
      'api/route.ts': "import { a } from '../library/a';\nexport const route = a;\n",
    });
    expect(run.output).toContain('import layering ok');
    expect(run.code).toBe(0);
  });

  it('fails on a circle of two files, naming it', () => {
    const run = checkTree({
      'api/app.ts': "import { route } from './routes/system';\nexport const app = route;\n",
      'api/routes/system.ts': "import { app } from '../app';\nexport const route = () => app;\n",
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('import circle: api/app.ts → api/routes/system.ts → api/app.ts');
  });

  it('fails on a circle made only of `import type`, and on a longer circle through an index', () => {
    const types = checkTree({
      'api/app.ts': "import type { Route } from './route';\nexport interface App { route: Route }\n",
      'api/route.ts': "import type { App } from './app';\nexport interface Route { app: App }\n",
    });
    expect(types.code).toBe(1);
    expect(types.output).toContain('import circle: api/app.ts → api/route.ts → api/app.ts');
    const long = checkTree({
      'retrieval/x/index.ts': "export { x } from './x';\n",
      'retrieval/x/x.ts': "import { y } from '../y';\nexport const x = y;\n",
      'retrieval/y.ts': "import { x } from './x';\nexport const y = () => x;\n",
    });
    expect(long.code).toBe(1);
    expect(long.output).toMatch(/import circle: retrieval\/x\/index\.ts → retrieval\/x\/x\.ts → retrieval\/y\.ts → retrieval\/x\/index\.ts/);
  });

  it('still fails on an import pointing the wrong way, and ignores circles through tests', () => {
    const wrong = checkTree({ 'library/a.ts': "import { app } from '../api/app';\nexport const a = app;\n", 'api/app.ts': 'export const app = 1;\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('library/a.ts imports ../api/app (library must not import api)');
    const test = checkTree({ 'api/app.ts': 'export const app = 1;\n', 'api/app.test.ts': "import { app } from './app';\nexport const t = app;\n" });
    expect(test.code).toBe(0);
  });
});
