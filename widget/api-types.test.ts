// widget/src/api-types.ts must be what the API's OpenAPI document generates today: a route whose
// schema changed without regenerating fails here (and in CI), with the command that fixes it.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWidgetTypes, WIDGET_TYPES_FILE } from '../scripts/widget-types';

describe('widget/src/api-types.ts', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await generateWidgetTypes();
  });

  it('equals a fresh generation from the OpenAPI document (else run: npx tsx scripts/generate-widget-types.ts)', () => {
    const committed = readFileSync(WIDGET_TYPES_FILE, 'utf8');
    expect(committed === fresh, 'widget/src/api-types.ts is stale: run npx tsx scripts/generate-widget-types.ts and commit it').toBe(true);
  });

  it('documents the responses the widget reads, errors included', () => {
    const types = fresh;
    for (const field of ['titleHtml: string;', 'snippet: string;', 'current: boolean;', 'suggestions: {', '"4XX": {', '"text/event-stream": string;']) {
      expect(types).toContain(field);
    }
    expect(types).toContain('ErrorResponse: {');
  });
});
