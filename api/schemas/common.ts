// Response schemas are OpenAPI documentation (/docs, the widget's generated types) and the serializer's
// contract. Objects stay open (additionalProperties: true): a field a service adds is still sent, never
// silently dropped by the serializer, while the declared ones are documented and typed.

/** Every error body: `{ error: { code, message, details? } }` (api/error-handler.ts). */
export const ERROR_RESPONSE = {
  $id: 'ErrorResponse',
  type: 'object',
  description: 'An error: a stable code (see library/errors.ts), what happened and what to do',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable error code, e.g. UNKNOWN_SITE, BAD_REQUEST, NOT_FOUND' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

const errorRef = { $ref: 'ErrorResponse#' } as const;

/** The error statuses every route may answer (validation, rate limit, not found, outage…). */
export const ERROR_RESPONSES = { '4xx': errorRef, '5xx': errorRef } as const;

type Schema = Record<string, unknown>;

/** An open object schema: `required` lists the properties always present. */
export const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), extra: Schema = {}) =>
  ({ type: 'object', properties, required, additionalProperties: true, ...extra }) as const;

export const str = { type: 'string' } as const;
export const nullableStr = { type: ['string', 'null'] } as const;
export const int = { type: 'integer' } as const;
/** A stored row's id in a request (a PostgreSQL integer column): a larger one would fail in the database, so it is refused as a 400. */
export const rowId = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;
export const num = { type: 'number' } as const;
export const bool = { type: 'boolean' } as const;
export const strings = { type: 'array', items: str } as const;
export const arrayOf = (items: Schema) => ({ type: 'array', items }) as const;
/** A row whose columns are documented where it is stored (editor and admin listings). */
export const row = (description: string, properties: Record<string, Schema> = {}) =>
  ({ type: 'object', description, properties, additionalProperties: true }) as const;

/** `{ 200: ok, 4xx, 5xx }`; pass another status for 201 or 204. */
export const responds = (ok: Schema, status = 200) => ({ [status]: ok, ...ERROR_RESPONSES });

/** 204 No Content. */
export const NO_CONTENT = { type: 'null', description: 'done; nothing to return' } as const;

/** A non-JSON 200 body (HTML, CSV, JavaScript, SSE), documented by media type. */
export const bodyOf = (types: Record<string, string>) => ({
  description: Object.values(types).join('; '),
  content: Object.fromEntries(Object.keys(types).map((t) => [t, { schema: { type: 'string' } }])),
});
