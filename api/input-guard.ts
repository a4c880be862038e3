import type { FastifyInstance, FastifyRequest } from 'fastify';
import { zhiwenError } from '../library/errors';
import { strayControlChar } from '../library/rules';

/** The parts of a request a route reads, named as validation errors name them. */
const PARTS = [['params', 'params'], ['query', 'querystring'], ['body', 'body']] as const;

/**
 * Checks every string (keys too) and number in a parsed value, without recursion (a 1 MiB body
 * can nest 500,000 arrays deep): text without stray control characters, numbers finite and, when
 * whole, safe integers. Throws CONTROL_CHARACTER or BAD_NUMBER naming the value's path.
 */
export function checkInput(value: unknown, root: string): void {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, where] = stack.pop()!;
    if (typeof v === 'string') {
      const bad = strayControlChar(v);
      if (bad) throw zhiwenError('CONTROL_CHARACTER', where, bad);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) throw zhiwenError('BAD_NUMBER', where, String(v));
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${where}/${i}`]));
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [key, item] of Object.entries(v)) {
        const bad = strayControlChar(key);
        if (bad) throw zhiwenError('CONTROL_CHARACTER', `${where} (a property name)`, bad);
        stack.push([item, `${where}/${key}`]);
      }
    }
  }
}

function checkRequest(request: FastifyRequest): void {
  for (const [part, name] of PARTS) checkInput(request[part], name);
}

/**
 * One positive check of every route's input at the edge, so a new route gets it without asking:
 * before validation (and before the authorization hook looks anything up) the raw strings, and
 * the numbers of a JSON body; after validation the numbers the schemas coerced from text, since
 * Ajv lets "Infinity" and "1e309" through `type: integer` with any `maximum`. Install it before
 * every other hook (api/app.ts), so a NUL never reaches PostgreSQL.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => checkRequest(request));
  app.addHook('preHandler', async (request) => checkRequest(request));
}
