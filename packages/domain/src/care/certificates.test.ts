import { describe, expect, it } from 'vitest';
import type { ReleaseFacts } from '../surveillance/isolation.ts';
import { certificateCheck, certificateNumber, provinceOfVerifyCode, verifyCode } from './certificates.ts';

const active = { reason: 'case', status: 'active', endReason: null, endedOn: null };
// Detected 17/02/2022, at home, fully vaccinated: 7 days (24/02) with a negative test, else 10 (27/02).
const facts = (over: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
  detectedOn: '2022-02-17',
  carePlace: 'home',
  vaccination: 'full',
  negativeTests: [],
  ...over,
});

describe('certificateCheck', () => {
  it('refuses an episode that is not an F0 isolation, or ended otherwise than completed', () => {
    expect(certificateCheck({ ...active, reason: 'contact' }, facts(), '2022-03-01')).toMatchObject({
      ok: false,
      code: 'not_case_episode',
    });
    const died = certificateCheck(
      { reason: 'case', status: 'ended', endReason: 'died', endedOn: '2022-02-20' },
      facts(),
      '2022-03-01',
    );
    expect(died).toMatchObject({ ok: false, code: 'episode_not_completed' });
    expect(!died.ok && died.message).toContain('tử vong');
  });

  it('refuses the day before the 7th day, naming the days and the first day', () => {
    const check = certificateCheck(
      active,
      facts({ negativeTests: [{ on: '2022-02-23', kind: 'rapid_antigen' }] }),
      '2022-02-23',
    );
    expect(check).toMatchObject({ ok: false, code: 'isolation_too_short' });
    expect(!check.ok && check.message).toContain('Chưa đủ 7 ngày cách ly');
    expect(!check.ok && check.message).toContain('24/02/2022');
  });

  it('on the 7th day needs a negative test; with one it issues, naming the test day', () => {
    const none = certificateCheck(active, facts(), '2022-02-24');
    expect(none).toMatchObject({ ok: false, code: 'release_not_reached', earliestOn: '2022-02-27' });
    expect(!none.ok && none.message).toContain('Chưa có xét nghiệm âm tính');
    const ok = certificateCheck(
      active,
      facts({ negativeTests: [{ on: '2022-02-24', kind: 'rapid_antigen' }] }),
      '2022-02-24',
    );
    expect(ok).toMatchObject({ ok: true, isolationTo: '2022-02-24' });
    expect(ok.ok && ok.criterion).toMatch(/^Đủ 7 ngày cách ly, xét nghiệm âm tính ngày 24\/02\/2022 \(/);
  });

  it('without a test, issues from the extended end (10 days when fully vaccinated)', () => {
    expect(certificateCheck(active, facts(), '2022-02-26').ok).toBe(false);
    const ok = certificateCheck(active, facts(), '2022-02-27');
    expect(ok.ok && ok.criterion).toMatch(/^Đủ 10 ngày cách ly/);
  });

  it('under a version that needs a test and sets no extension, says the test is missing', () => {
    // Detected 10/01/2022: 10 days and a negative antigen test, no extension.
    const check = certificateCheck(active, facts({ detectedOn: '2022-01-10' }), '2022-02-01');
    expect(check).toMatchObject({ ok: false, code: 'negative_test_missing', earliestOn: null });
    expect(!check.ok && check.message).toContain('Chưa có xét nghiệm âm tính từ ngày 20/01/2022');
  });

  it('uses the end of an episode ended as completed, not the day of issue', () => {
    const ended = { reason: 'case', status: 'ended', endReason: 'completed', endedOn: '2022-02-23' };
    const tooEarly = certificateCheck(ended, facts(), '2022-03-10');
    expect(tooEarly).toMatchObject({ ok: false, code: 'isolation_too_short' });
    const ok = certificateCheck({ ...ended, endedOn: '2022-02-27' }, facts(), '2022-03-10');
    expect(ok).toMatchObject({ ok: true, isolationTo: '2022-02-27' });
  });

  it('a facility case needs a negative test and is certified the day after it', () => {
    const f = facts({ carePlace: 'facility', negativeTests: [{ on: '2022-02-21', kind: 'rt_pcr' }] });
    expect(certificateCheck(active, f, '2022-02-21')).toMatchObject({
      ok: false,
      code: 'release_not_reached',
    });
    const ok = certificateCheck(active, f, '2022-02-22');
    expect(ok.ok && ok.criterion).toContain('xét nghiệm âm tính ngày 21/02/2022');
  });
});

describe('numbers and verify codes', () => {
  it('numbers as the station register does', () => {
    expect(certificateNumber(12)).toBe('12/GXN-TYT');
  });
  it('reads the province back from a verify code, refusing other shapes', () => {
    const code = verifyCode('12', 'AbCdEfGhIjKlMnOpQrStUv_-');
    expect(provinceOfVerifyCode(code)).toBe('12');
    expect(provinceOfVerifyCode('12-short')).toBeNull();
    expect(provinceOfVerifyCode('x2-AbCdEfGhIjKlMnOpQrStUv')).toBeNull();
    expect(provinceOfVerifyCode("12-AbCdEfGhIjKlMnOpQrStUv'")).toBeNull();
  });
});
