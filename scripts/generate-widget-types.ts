// npx tsx scripts/generate-widget-types.ts: writes widget/src/api-types.ts from the API's OpenAPI document.
import { writeFileSync } from 'node:fs';
import { generateWidgetTypes, WIDGET_TYPES_FILE } from './widget-types';

writeFileSync(WIDGET_TYPES_FILE, await generateWidgetTypes());
console.log(`wrote ${WIDGET_TYPES_FILE}`);
