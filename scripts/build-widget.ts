// npx tsx scripts/build-widget.ts [out]: bundles widget/src into dist/widget/zhiwen.js (or `out`).
// `zhiwen serve` does the same at start when the bundle is missing or stale; this is for images and CI.
import { buildWidget, WIDGET_BUNDLE } from '../widget/build';

const out = process.argv[2] ?? WIDGET_BUNDLE;
const started = performance.now();
await buildWidget({ out });
console.log(`widget bundled: ${out} in ${Math.round(performance.now() - started)} ms`);
