// Bundles the editors' console (console/src) into the one script the API serves at /console/console.js.
// Run by `zhiwen serve` at start when the bundle is missing or older than its sources; the API only
// reads the file. Node-side code: never part of the bundle. Stamped and rebuilt like the widget (scripts/stamped-bundle.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, ensureBundle, type BundleSpec } from '../scripts/stamped-bundle';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CONSOLE_SOURCES = path.join(here, 'src');
export const CONSOLE_ENTRY = path.join(CONSOLE_SOURCES, 'main.ts');
/** Where the bundle is written (ignored by git: built from the sources). */
export const CONSOLE_BUNDLE = path.resolve(here, '..', 'dist', 'console', 'console.js');

const spec = (out: string): BundleSpec => ({ name: 'console', entry: CONSOLE_ENTRY, out });

export const buildConsole = (out = CONSOLE_BUNDLE): Promise<string> => buildBundle(spec(out));
/** The bundle, built first when missing or stale (scripts/stamped-bundle.ts). */
export const ensureConsoleBundle = (out = CONSOLE_BUNDLE): Promise<{ file: string; built: boolean }> => ensureBundle(spec(out));
