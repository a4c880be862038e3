import { createHmac, timingSafeEqual } from 'node:crypto';
import { zhiwenError } from '../errors';
import { hasControlChars } from '../rules/control-chars';

/**
 * The signed-in citizen a host page passes on (docs/site-keys.md): a JWT signed HS256 by the site's
 * backend with its key's signing secret, claims `site` (the site code), `sub` (who, as the site names
 * them) and `exp` (Unix seconds, at most an hour ahead). A standard format, so any JWT library signs it.
 */
export interface CitizenClaims {
  site: string;
  sub: string;
  exp: number;
  iat?: number;
}

/** The longest a token may live: a stolen one is worth an hour at most. */
export const CITIZEN_TOKEN_MAX_SECONDS = 3600;
/** Clocks of the site's backend and the API may differ this much. */
const CLOCK_SKEW_SECONDS = 60;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

/** Signs a token as a site's backend would (tests, and the reference for integrators). */
export function signCitizenToken(secret: string, claims: CitizenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${HEADER}.${payload}.${sign(secret, `${HEADER}.${payload}`).toString('base64url')}`;
}

const refuse = (why: string) => zhiwenError('CITIZEN_TOKEN_INVALID', why);

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The token's claims when one of `secrets` signed it, for `siteCode`, and it is unexpired and
 * short-lived; CITIZEN_TOKEN_INVALID saying which of these failed otherwise.
 */
export function verifyCitizenToken(token: string, secrets: readonly string[], siteCode: string, nowSeconds = Math.floor(Date.now() / 1000)): CitizenClaims {
  const parts = token.length <= 4096 ? token.split('.') : [];
  if (parts.length !== 3) throw refuse('it is not a JWT (header.payload.signature)');
  const header = decodeJson(parts[0]);
  if (header?.alg !== 'HS256') throw refuse('only alg HS256 is accepted');
  const given = Buffer.from(parts[2], 'base64url');
  const signedBy = secrets.some((s) => {
    const expected = sign(s, `${parts[0]}.${parts[1]}`);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signedBy) throw refuse("the signature does not match any current signing secret of this site's keys");
  const claims = decodeJson(parts[1]);
  if (!claims) throw refuse('its payload is not a JSON object');
  const { site, sub, exp, iat } = claims;
  if (site !== siteCode) throw refuse(`it was signed for site "${String(site)}", not the key's site "${siteCode}"`);
  if (typeof sub !== 'string' || sub.length < 1 || sub.length > 128 || hasControlChars(sub)) throw refuse('sub must be 1–128 printable characters');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw refuse('exp (Unix seconds) is missing');
  if (exp <= nowSeconds - CLOCK_SKEW_SECONDS) throw refuse('it has expired');
  if (exp > nowSeconds + CITIZEN_TOKEN_MAX_SECONDS + CLOCK_SKEW_SECONDS) throw refuse(`it lives longer than ${CITIZEN_TOKEN_MAX_SECONDS} seconds`);
  if (iat !== undefined && (typeof iat !== 'number' || exp - iat > CITIZEN_TOKEN_MAX_SECONDS)) throw refuse(`exp - iat exceeds ${CITIZEN_TOKEN_MAX_SECONDS} seconds`);
  return { site, sub, exp, ...(typeof iat === 'number' ? { iat } : {}) };
}
