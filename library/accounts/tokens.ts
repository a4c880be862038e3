import { createHash, randomBytes } from 'node:crypto';

/** A new random secret (256 bits) with a prefix that says what it is when it turns up in a log. */
export function newSecret(prefix: 'zs' | 'zt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored for a secret: only its sha256, so a leaked table opens nothing. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
