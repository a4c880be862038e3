import { isLoopbackHttp, type OidcSettings } from '../api/auth/oidc/oidc-settings';

// The ZHIWEN_OIDC_* settings (OIDC sign-in through the unified identity), read by cli/config.ts.

/** The settings from the environment, or undefined when ZHIWEN_OIDC_ISSUER is unset; throws naming the variable that is wrong. */
export function readOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.ZHIWEN_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const need = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) throw new Error(`${name} is required when ZHIWEN_OIDC_ISSUER is set (OIDC sign-in): set it, or unset ZHIWEN_OIDC_ISSUER`);
    return v;
  };
  const url = (name: string, value: string): string => {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new Error(`${name} must be an absolute URL, got "${value}"`);
    }
    if (u.protocol !== 'https:' && !isLoopbackHttp(value)) {
      throw new Error(`${name} must use https (plain http only on localhost), got "${value}"`);
    }
    return value;
  };
  const create = env.ZHIWEN_OIDC_CREATE_ACCOUNTS?.trim().toLowerCase() ?? '';
  if (!['', 'true', 'false', '1', '0'].includes(create)) throw new Error(`ZHIWEN_OIDC_CREATE_ACCOUNTS must be true or false, got "${env.ZHIWEN_OIDC_CREATE_ACCOUNTS}"`);
  return {
    issuer: url('ZHIWEN_OIDC_ISSUER', issuer),
    clientId: need('ZHIWEN_OIDC_CLIENT_ID'),
    clientSecret: need('ZHIWEN_OIDC_CLIENT_SECRET'),
    redirectUrl: url('ZHIWEN_OIDC_REDIRECT_URL', need('ZHIWEN_OIDC_REDIRECT_URL')),
    createUnknownAccounts: create === 'true' || create === '1',
  };
}

