#!/usr/bin/env node
// Imports point one way: ingest → library ← retrieval ← api; evals and cli may use anything;
// the widget talks to the API over HTTP only. And `zhiwen serve` (cli/main.ts) must not load, at
// start, the packages only ingest, answers with an LLM, embeddings or an XLSX transfer need: each
// stays in every API replica's memory for good (the feed readers alone cost ~170 MiB).
// And no import circle (`import type` included: a circle of types is still two modules that cannot
// be understood apart). Fails with the offending file and import, or the circle.
// Usage: node scripts/check-imports.mjs [root]   (root defaults to this repository; tests pass a fixture tree)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
const allowed = {
  library: ['library'],
  ingest: ['ingest', 'library'],
  retrieval: ['retrieval', 'library'],
  api: ['api', 'retrieval', 'library'],
  widget: ['widget'],
  console: ['console'],
};
const problems = [];

/** Source files (not tests) and the local files each imports statically: the graph the circle check walks. */
const graph = new Map();

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (/\.(ts|mjs|js)$/.test(name)) {
      check(full);
      if (!/\.test\.ts$/.test(name)) graph.set(full, staticImports(full));
    }
  }
}

function check(file) {
  const layer = path.relative(root, file).split(path.sep)[0];
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = path.relative(root, path.resolve(path.dirname(file), m[1])).split(path.sep)[0];
    // Tests, and a layer's test helpers (<layer>/testing/), may wire real components from other layers
    // together (e.g. ingest sample data for search tests; the console's harness starts the API).
    const testCode = /\.test\.ts$/.test(file) || path.relative(root, file).split(path.sep)[1] === 'testing';
    if (testCode && target !== 'widget') continue;
    // A browser layer's node-side build.ts uses the one bundler (scripts/stamped-bundle.ts).
    if (path.basename(file) === 'build.ts' && path.relative(root, path.resolve(path.dirname(file), m[1])).startsWith(`scripts${path.sep}stamped-bundle`)) continue;
    if (!allowed[layer].includes(target)) problems.push(`${path.relative(root, file)} imports ${m[1]} (${layer} must not import ${target})`);
  }
}

function resolveSource(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
}

/** Local files `file` imports or re-exports statically, `import type` included (not `import()`). */
function staticImports(file) {
  const targets = new Set();
  for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const target = resolveSource(file, m[1]);
    if (target) targets.add(target);
  }
  return [...targets];
}

/** Every import circle in the graph, each as the files around it (Tarjan's strongly connected components). */
function importCircles() {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const circles = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) circles.push(component.reverse());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

for (const layer of [...Object.keys(allowed), 'cli', 'evals']) {
  try {
    if (layer in allowed) walk(path.join(root, layer));
    else walkGraphOnly(path.join(root, layer));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
}

/** cli and evals may import any layer, but not in a circle. */
function walkGraphOnly(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walkGraphOnly(full);
    else if (/\.(ts|mjs|js)$/.test(name) && !/\.test\.ts$/.test(name)) graph.set(full, staticImports(full));
  }
}

for (const circle of importCircles()) {
  const names = circle.map((f) => path.relative(root, f));
  problems.push(`import circle: ${[...names, names[0]].join(' → ')} (move what both need into a module of its own)`);
}
/** Loaded only on demand (a dynamic import()) by anything `zhiwen serve` loads at start. */
const NOT_AT_SERVE_START = [
  '@huggingface/transformers', '@langchain/core', '@langchain/openai', 'exceljs', 'linkedom', 'mammoth',
  'pdfjs-dist', 'iconv-lite', 'cli-progress', '@electric-sql/pglite-socket',
];

/** Follows static value imports (not `import type`, not `import()`) from `entry`; reports forbidden packages with the chain. */
function checkStartupImports(entry) {
  const via = new Map([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const target = resolveSource(file, spec);
        if (target && !via.has(target)) {
          via.set(target, file);
          queue.push(target);
        }
        continue;
      }
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!NOT_AT_SERVE_START.includes(pkg)) continue;
      const chain = [];
      for (let f = file; f; f = via.get(f)) chain.unshift(path.relative(root, f));
      problems.push(`zhiwen serve loads ${pkg} at start: ${chain.join(' → ')} (import it with await import() where it is used)`);
    }
  }
}

if (existsSync(path.join(root, 'cli', 'main.ts'))) checkStartupImports(path.join(root, 'cli', 'main.ts'));
if (problems.length) {
  console.error(`import layering violated (see docs/architecture.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('import layering ok');
