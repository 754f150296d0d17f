import { describe, expect, it } from 'vitest';
import { configFromEnv, DEMO_PASSWORD, fastifyTrustProxy, parseTrustProxy } from './config.ts';

describe('TRUST_PROXY', () => {
  it('trusts nobody when unset or empty', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('  ')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(configFromEnv({}).trustProxy).toBe(false);
  });

  it('reads a number as the count of proxies in front', () => {
    expect(parseTrustProxy('1')).toBe(1);
    const trust = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
  });

  it('reads addresses and CIDR ranges of the proxies', () => {
    expect(parseTrustProxy('10.0.0.5, 172.16.0.0/12,::1,fd00::/8, loopback')).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses what is not an address, and trusting every client', () => {
    for (const value of ['true', '*', 'proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', '-1']) {
      expect(() => parseTrustProxy(value), value).toThrow(/TRUST_PROXY/);
    }
    expect(() => parseTrustProxy('true')).toThrow(/choose its address/);
  });
});

describe('SEED_PASSWORD', () => {
  it('is the published demo password while the demo is on, and unset (random admin password) without it', () => {
    expect(configFromEnv({}).seedPassword).toBe(DEMO_PASSWORD);
    expect(configFromEnv({ DEMO: 'off' }).seedPassword).toBeUndefined();
    expect(configFromEnv({ DEMO: 'off', SEED_PASSWORD: 'mat-khau-rieng-1' }).seedPassword).toBe(
      'mat-khau-rieng-1',
    );
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('is an http(s) address without its trailing slash; unset is the request address; anything else stops the start', () => {
    expect(configFromEnv({}).publicBaseUrl).toBeUndefined();
    expect(configFromEnv({ PUBLIC_BASE_URL: ' https://tuyendau.laichau.gov.vn/ ' }).publicBaseUrl).toBe(
      'https://tuyendau.laichau.gov.vn',
    );
    expect(() => configFromEnv({ PUBLIC_BASE_URL: 'tuyendau.laichau.gov.vn' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => configFromEnv({ PUBLIC_BASE_URL: 'ftp://tuyendau.vn' })).toThrow(/https:\/\//);
  });
});
