import { arrayOf, bool, int, nullableStr, obj, str, strings } from './common';

/** A public site key as admins see it (never its signing secret after creation). */
export const SITE_KEY = obj({
  id: int,
  key: { type: 'string', description: 'the public key (zk_…) for the widget\'s site-key attribute or the X-Zhiwen-Key header' },
  siteCode: str,
  environment: str,
  scope: { type: 'string', enum: ['site', 'region', 'platform'], description: 'the widest search the key allows (and its default)' },
  origins: { ...strings, description: 'browser origins (scheme://host[:port]) allowed to use it' },
  createdBy: str,
  createdAt: str,
  expiresAt: { ...nullableStr, description: 'when it stops working (a rotation sets it); null: never' },
  revoked: bool,
  replacedBy: { type: ['integer', 'null'], description: 'the key that replaced it in a rotation' },
}, ['id', 'key', 'siteCode', 'environment', 'scope', 'origins', 'expiresAt', 'revoked']);

export const SITE_KEYS = obj({ keys: arrayOf(SITE_KEY) });

const signingSecret = { type: 'string', description: 'zks_…: signs citizen tokens on the site\'s backend (docs/site-keys.md); shown this once, never again' };
export const SITE_KEY_CREATED = obj({ key: SITE_KEY, signingSecret });
export const SITE_KEY_ROTATED = obj({ key: SITE_KEY, signingSecret, previous: SITE_KEY });
