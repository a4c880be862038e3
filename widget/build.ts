// Bundles the widget (widget/src) into the one classic script the API serves at /widget/zhiwen.js
// (scripts/stamped-bundle.ts: stamped with its sources, rebuilt when they change). Run by `zhiwen serve`
// at start and by scripts/build-widget.ts. Node-side code: never part of the bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, bundleStamp as stampOf, ensureBundle, sourceStamp as stampFor, type BundleSpec } from '../scripts/stamped-bundle';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The widget's sources; everything in it but tests goes into the stamp. */
export const WIDGET_SOURCES = path.join(here, 'src');
export const WIDGET_ENTRY = path.join(WIDGET_SOURCES, 'index.ts');
/** Where the bundle is written (ignored by git: built from the sources). */
export const WIDGET_BUNDLE = path.resolve(here, '..', 'dist', 'widget', 'zhiwen.js');

export interface WidgetBuildOptions {
  /** Entry file; default widget/src/index.ts. */
  entry?: string;
  /** Output file; default dist/widget/zhiwen.js. */
  out?: string;
}

const spec = (options: WidgetBuildOptions = {}): BundleSpec => ({ name: 'widget', entry: options.entry ?? WIDGET_ENTRY, out: options.out ?? WIDGET_BUNDLE });

/** A hash of the sources in `sources` and the bundler's version. */
export const sourceStamp = (sources = WIDGET_SOURCES): Promise<string> => stampFor(spec({ entry: path.join(sources, 'index.ts') }));
/** The stamp a widget bundle was built with, or null. */
export const bundleStamp = (file: string): string | null => stampOf(file, 'widget');
export const buildWidget = (options: WidgetBuildOptions = {}): Promise<string> => buildBundle(spec(options));
export const ensureWidgetBundle = (options: WidgetBuildOptions = {}): Promise<{ file: string; built: boolean }> => ensureBundle(spec(options));
