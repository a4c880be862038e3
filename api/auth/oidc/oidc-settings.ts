/**
 * Sign-in through the province's unified identity (统一身份认证) as an OpenID Connect provider;
 * read once by cli/config.ts from the ZHIWEN_OIDC_* variables.
 */
export interface OidcSettings {
  /** ZHIWEN_OIDC_ISSUER: the provider's issuer URL (its /.well-known/openid-configuration is read). Plain http only on loopback. */
  issuer: string;
  /** ZHIWEN_OIDC_CLIENT_ID: Zhiwen's client id at the provider. */
  clientId: string;
  /** ZHIWEN_OIDC_CLIENT_SECRET: its secret, sent with HTTP Basic (client_secret_basic) to the token endpoint. */
  clientSecret: string;
  /** ZHIWEN_OIDC_REDIRECT_URL: the callback registered at the provider, i.e. <public URL>/v1/auth/oidc/callback. */
  redirectUrl: string;
  /**
   * ZHIWEN_OIDC_CREATE_ACCOUNTS=true: a subject no account is linked to gets a new account with no
   * roles (just-in-time); default false: it is refused until an admin links it (oidcSubject).
   */
  createUnknownAccounts: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL is plain http on loopback (tests, a developer's machine): openid-client refuses it unless told. */
export const isLoopbackHttp = (value: string): boolean => {
  const u = new URL(value);
  return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
};
