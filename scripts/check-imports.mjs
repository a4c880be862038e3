#!/usr/bin/env node
// Imports point one way: ingest → library ← retrieval ← api; evals and cli may use anything;
// the widget talks to the API over HTTP only. Fails with the offending file and import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const allowed = {
  library: ['library'],
  ingest: ['ingest', 'library'],
  retrieval: ['retrieval', 'library'],
  api: ['api', 'retrieval', 'library'],
  widget: ['widget'],
};
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (/\.(ts|mjs|js)$/.test(name)) check(full);
  }
}

function check(file) {
  const layer = path.relative(root, file).split(path.sep)[0];
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = path.relative(root, path.resolve(path.dirname(file), m[1])).split(path.sep)[0];
    // Tests may wire real components from other layers together (e.g. ingest sample data for search tests).
    if (/\.test\.ts$/.test(file) && target !== 'widget') continue;
    if (!allowed[layer].includes(target)) problems.push(`${path.relative(root, file)} imports ${m[1]} (${layer} must not import ${target})`);
  }
}

for (const layer of Object.keys(allowed)) {
  try {
    walk(path.join(root, layer));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
}
if (problems.length) {
  console.error(`import layering violated (see docs/architecture.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('import layering ok');
