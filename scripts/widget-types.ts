// The widget's API types, generated from the API's OpenAPI document (the routes' schemas) with
// openapi-typescript, so the widget never mirrors response shapes by hand. Written by
// `npx tsx scripts/generate-widget-types.ts`; widget/api-types.test.ts fails when the committed file
// differs from a fresh generation (CI runs it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../api/app';
import { composeServices } from '../api/compose';
import { openLibrary } from '../library/store';
import { SearchService } from '../retrieval/search';

export const WIDGET_TYPES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'widget', 'src', 'api-types.ts');

/** The public routes the widget calls; the editor and admin routes stay out of its types. */
const WIDGET_PATHS = ['/v1/search', '/v1/suggest', '/v1/ask', '/v1/feedback', '/v1/library', '/v1/sites'];

const HEADER = `// Generated from the API's OpenAPI document by scripts/generate-widget-types.ts: do not edit.
// Regenerate after changing a route's schema: npx tsx scripts/generate-widget-types.ts
`;

/** The OpenAPI document of the routes the widget calls, as /docs serves it (an empty library: only the routes matter). */
export async function widgetOpenApi(): Promise<Record<string, unknown>> {
  const db = await openLibrary();
  const app = await buildApp(composeServices({ db, search: new SearchService(db) }), { rateLimitPerMinute: 0 });
  try {
    await app.ready();
    const doc = app.swagger() as { paths?: Record<string, unknown> } & Record<string, unknown>;
    const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).filter(([p]) => WIDGET_PATHS.includes(p)));
    return { ...doc, paths };
  } finally {
    await app.close();
    await db.close();
  }
}

/** The schema without `additionalProperties: true`: the serializer keeps unknown fields, the widget reads only the declared ones. */
function declaredOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(declaredOnly);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !(k === 'additionalProperties' && v === true)).map(([k, v]) => [k, declaredOnly(v)]));
}

/** The TypeScript source of widget/src/api-types.ts. */
export async function generateWidgetTypes(): Promise<string> {
  const ast = await openapiTS(declaredOnly(await widgetOpenApi()) as Parameters<typeof openapiTS>[0]);
  return `${HEADER}${astToString(ast)}`;
}
