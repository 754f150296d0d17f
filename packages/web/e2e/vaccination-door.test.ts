/**
 * Door-to-door lists on a phone (issue 9, point 5): a commune's mobile team opens the list of a
 * village, marks a person "vaccinated elsewhere" in the sheet (the kind, the day, Lưu), the card
 * changes at once, coverage counts one more vaccinated adult, and the list read again keeps the
 * person for their next dose with the mark.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';
const VILLAGE = 'Bản Gõ Cửa';

describe.skipIf(!hasChromium)('Tiêm chủng: đi từng nhà trên điện thoại', () => {
  const e2e = useE2E();
  let team: { username: string };
  let api: Api;
  let personId: string;

  async function vaccinatedAdults(): Promise<number> {
    const res = await api.request('GET', `/vaccination/coverage?unit=${COMMUNE}&ageGroup=18%2B&dose=1`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { unitCode: string; ageGroup: string; dose: number; vaccinated: number }[];
    };
    return body.items.find((r) => r.unitCode === COMMUNE && r.ageGroup === '18+' && r.dose === 1)!.vaccinated;
  }

  beforeAll(async () => {
    team = await e2e.account('community_team', COMMUNE);
    api = (await Api.login(e2e.baseUrl, team.username)).api!;
    const household = await api.request('POST', '/households', {
      unitCode: COMMUNE,
      address: `Số 8, ${VILLAGE}`,
    });
    expect(household.status).toBe(201);
    const person = await api.request('POST', '/persons', {
      fullName: 'Lò Thị Gõcửa',
      birthDate: '1987-02-14',
      sex: 'female',
      unitCode: COMMUNE,
      householdId: (await household.json()).id,
    });
    expect(person.status).toBe(201);
    personId = (await person.json()).id;
  });

  it('marks a person vaccinated elsewhere; the card and coverage change at once', async () => {
    const before = await vaccinatedAdults();
    const page = await e2e.page('phone');
    await login(page, team.username);
    const loaded = apiResponse(page, 'GET', /^\/vaccination\/door$/);
    await page.goto(`/vaccination/door?village=${encodeURIComponent(VILLAGE)}`);
    expect((await loaded).status()).toBe(200);

    const card = page.getByTestId('door-household').filter({ hasText: `Số 8, ${VILLAGE}` });
    const row = card.locator(`[data-person="${personId}"]`);
    await textOnceShown(row, 'Lò Thị Gõcửa');
    expect(await row.getByTestId('door-doses').textContent()).toBe('Chưa tiêm mũi nào');
    expect(await row.getByTestId('door-status').textContent()).toContain('Mũi 1 · đến hạn hôm nay');

    // Tap one: the sheet; tap two: the kind, in words; then the day and Lưu.
    await row.getByTestId('door-mark').click();
    const form = page.getByTestId('mark-form');
    await form.waitFor();
    expect(await page.getByTestId('mark-person').textContent()).toBe('Lò Thị Gõcửa');
    for (const words of [
      'Đã tiêm tại chỗ',
      'Đã tiêm nơi khác',
      'Từ chối tiêm',
      'Hoãn tiêm',
      'Đã chuyển đi',
      'Đã mất',
    ]) {
      expect(await form.getByRole('radio', { name: words }).count()).toBe(1);
    }
    await form.getByRole('radio', { name: 'Đã tiêm nơi khác' }).click();
    expect(await form.getByTestId('mark-dose-number').textContent()).toContain('Mũi 1');
    await page.locator('#mark-given-on').click();
    await page.locator('#mark-given-on').fill('01/03/2022');
    await page.locator('#mark-given-on').press('Enter');
    await page.getByTestId('mark-site').fill('Bệnh viện tỉnh Điện Biên');
    const saved = apiResponse(page, 'POST', /^\/persons\/[^/]+\/door-marks$/);
    await page.getByTestId('mark-submit').click();
    expect((await saved).status()).toBe(201);
    await form.waitFor({ state: 'detached' });

    // The card at once: the dose, the next one (28 days later, long overdue), the mark.
    await textOnceShown(
      row.getByTestId('door-doses'),
      'Đã tiêm: mũi 1 ngày 01/03/2022 (Không rõ loại vắc xin)',
    );
    const status = (await row.getByTestId('door-status').textContent()) ?? '';
    expect(status).toMatch(/^Mũi 2 · quá hạn [\d.]+ ngày/);
    expect(status).toContain('Đã tiêm nơi khác');
    expect(status).not.toMatch(/vaccinated_elsewhere|unknown/);
    expect(await vaccinatedAdults()).toBe(before + 1);

    // Read again, the person stays on the list for dose 2, with the mark.
    const again = apiResponse(page, 'GET', /^\/vaccination\/door$/);
    await page.reload();
    expect((await again).status()).toBe(200);
    await textOnceShown(row.getByTestId('door-last-mark'), 'Đã tiêm nơi khác');
    expect(await row.getByTestId('door-doses').textContent()).toContain('mũi 1 ngày 01/03/2022');
  }, 60_000);
});
