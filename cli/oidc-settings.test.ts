import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

const OIDC = {
  ZHIWEN_OIDC_ISSUER: 'https://id.zj.gov.cn/oidc', ZHIWEN_OIDC_CLIENT_ID: 'zhiwen', ZHIWEN_OIDC_CLIENT_SECRET: 's3cret',
  ZHIWEN_OIDC_REDIRECT_URL: 'https://search.zj.gov.cn/v1/auth/oidc/callback',
};

describe('OIDC settings (cli/oidc-settings.ts, read by readConfig)', () => {
  it('is off without an issuer, and reads all four settings with one', () => {
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig(OIDC).oidc).toEqual({
      issuer: OIDC.ZHIWEN_OIDC_ISSUER, clientId: 'zhiwen', clientSecret: 's3cret', redirectUrl: OIDC.ZHIWEN_OIDC_REDIRECT_URL, createUnknownAccounts: false,
    });
    expect(readConfig({ ...OIDC, ZHIWEN_OIDC_CREATE_ACCOUNTS: 'true' }).oidc?.createUnknownAccounts).toBe(true);
  });

  it('names the setting that is missing or wrong', () => {
    expect(() => readConfig({ ...OIDC, ZHIWEN_OIDC_CLIENT_SECRET: '' })).toThrow(/ZHIWEN_OIDC_CLIENT_SECRET is required/);
    expect(() => readConfig({ ...OIDC, ZHIWEN_OIDC_ISSUER: 'http://id.example.gov.cn' })).toThrow(/ZHIWEN_OIDC_ISSUER must use https/);
    expect(() => readConfig({ ...OIDC, ZHIWEN_OIDC_REDIRECT_URL: 'callback' })).toThrow(/ZHIWEN_OIDC_REDIRECT_URL must be an absolute URL/);
    expect(() => readConfig({ ...OIDC, ZHIWEN_OIDC_CREATE_ACCOUNTS: 'yes please' })).toThrow(/ZHIWEN_OIDC_CREATE_ACCOUNTS must be true or false/);
    expect(readConfig({ ...OIDC, ZHIWEN_OIDC_ISSUER: 'http://localhost:9000' }).oidc?.issuer).toBe('http://localhost:9000'); // loopback may be plain http
  });
});
