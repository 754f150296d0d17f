/**
 * Case surveillance as a commune health station does it on a phone, in August 2021: a positive
 * RT-PCR confirms an F0 case at once; the household is traced in one form (some people already in
 * the registry, some typed in); one of them tests positive and becomes a second case, linked to the
 * first; the transmission chain then shows two generations.
 */
import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';
const COMMUNE_NAME = 'Phường Tân Phong';

interface Resident {
  id?: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  /** Typed without diacritics in the person picker. */
  search: string;
}

/** The first case: already in the registry. */
const INDEX: Resident = {
  fullName: 'Hoàng Văn Dũng',
  birthDate: '1984-04-12',
  sex: 'male',
  search: 'hoang van dung',
};
/** Household members already in the registry, picked by name. */
const REGISTERED: Resident[] = [
  { fullName: 'Phạm Thị Lan', birthDate: '1987-09-03', sex: 'female', search: 'pham thi lan' },
  { fullName: 'Hoàng Minh Khôi', birthDate: '2010-01-20', sex: 'male', search: 'hoang minh khoi' },
];
/** Household members not yet in the registry, typed into the form. */
const TYPED = [
  { fullName: 'Hoàng Thị Ngọc Ánh', birth: '05/06/2014', birthDate: '2014-06-05', sex: 'Nữ', phone: '' },
  { fullName: 'Phạm Văn Tư', birth: '30/11/1955', birthDate: '1955-11-30', sex: 'Nam', phone: '0987654321' },
];
/** The household member who tests positive afterwards (typed in, so created by the contact form). */
const SECOND = TYPED[0];

describe.skipIf(!hasChromium)('Trạm y tế xã: xét nghiệm, F0, hộ gia đình F1 và chuỗi lây nhiễm', () => {
  const e2e = useE2E();
  let phone: Page;
  let firstCaseId: string;
  let secondCaseId: string;

  /** Picks a person in the PersonPicker whose search input is `input`, by typing part of their name. */
  async function pickPerson(input: string, typed: string, fullName: string): Promise<void> {
    await phone.locator(input).click();
    const searched = apiResponse(phone, 'GET', /^\/persons$/, { q: typed });
    await phone.locator(input).fill(typed);
    expect((await searched).status()).toBe(200);
    await phone
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: fullName })
      .click();
  }

  /** Types a date (or date and time) into an antd DatePicker and confirms it with Enter. */
  async function typeDate(input: string, text: string): Promise<void> {
    await phone.locator(input).click();
    await phone.locator(input).fill(text);
    await phone.locator(input).press('Enter');
    expect(await phone.locator(input).inputValue()).toBe(text);
  }

  /** Fills /tests/new with a positive RT-PCR by a health worker, submits it, returns the answer. */
  async function registerPositivePcr(
    person: { search: string; fullName: string },
    sampledAt: string,
    resultedAt: string,
  ): Promise<Response> {
    await phone.goto('/tests/new');
    const form = phone.getByTestId('test-new');
    await form.waitFor();
    await pickPerson('#personId', person.search, person.fullName);
    expect(await form.getByTestId('test-kind').textContent()).toContain('RT-PCR mẫu đơn');
    expect(await form.getByTestId('test-performer').textContent()).toContain('Nhân viên y tế');
    await form.getByTestId('test-site').fill(`Trạm y tế ${COMMUNE_NAME}`);
    await typeDate('#sampledAt', sampledAt);
    await typeDate('#resultedAt', resultedAt);
    await form.getByTestId('test-result').getByText('Dương tính', { exact: true }).click();
    const saved = apiResponse(phone, 'POST', /^\/tests$/);
    await form.getByTestId('test-submit').click();
    return saved;
  }

  beforeAll(async () => {
    const station = await e2e.account('health_station', COMMUNE, 'Lò Văn Thắng');
    const { api } = await Api.login(e2e.baseUrl, station.username);
    for (const resident of [INDEX, ...REGISTERED]) {
      const res = await api!.request('POST', '/persons', {
        fullName: resident.fullName,
        birthDate: resident.birthDate,
        sex: resident.sex,
        unitCode: COMMUNE,
      });
      expect(res.status).toBe(201);
      resident.id = (await res.json()).id;
    }
    phone = await e2e.page('phone');
    await login(phone, station.username);
  });

  it('xét nghiệm RT-PCR dương tính khẳng định F0 ngay, mở hồ sơ ca bệnh, ca có trong danh sách', async () => {
    const answer = await registerPositivePcr(INDEX, '10/08/2021 08:00', '11/08/2021 09:00');
    expect(answer.status()).toBe(201);
    const sent = answer.request().postDataJSON();
    expect(sent).toMatchObject({
      personId: INDEX.id,
      kind: 'rt_pcr',
      performer: 'health_worker',
      site: `Trạm y tế ${COMMUNE_NAME}`,
      sampledAt: '2021-08-10T08:00:00+07:00',
      resultedAt: '2021-08-11T09:00:00+07:00',
      result: 'positive',
    });
    const saved = await answer.json();
    expect(saved.confirmation.outcome).toBe('confirmed');
    firstCaseId = saved.case.id;

    const outcome = phone.getByTestId('test-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('confirmed');
    expect(await outcome.textContent()).toContain('Khẳng định ca bệnh (F0)');
    // A decision of the rule, not a failure: never the red error style.
    expect(await outcome.getAttribute('class')).not.toContain('ant-alert-error');
    const reasons = await phone.getByTestId('test-outcome-reasons').locator('li').allTextContents();
    expect(reasons).toEqual([
      'Kết quả ngày 11/08/2021: áp dụng Hướng dẫn giám sát của Bộ Y tế trước CV 11042/BYT-DP',
      'RT-PCR mẫu đơn dương tính: khẳng định ca bệnh (F0)',
    ]);

    await phone.getByTestId('test-case-link').click();
    await phone.waitForURL(`**/cases/${firstCaseId}`);
    const detail = await textOnceShown(phone.getByTestId('case-detail'), INDEX.fullName);
    expect(detail).toContain('12/04/1984');
    expect(detail).toContain(COMMUNE_NAME);
    expect(detail).toContain('11/08/2021');
    expect(detail).toContain('Đang điều trị');
    const { rows } = await e2e.pool.query(
      `SELECT person_id, detected_on::text AS detected_on, status, source_case_id FROM cases WHERE id = $1`,
      [firstCaseId],
    );
    expect(rows).toEqual([
      { person_id: INDEX.id, detected_on: '2021-08-11', status: 'active', source_case_id: null },
    ]);

    const listed = apiResponse(phone, 'GET', /^\/cases$/);
    await phone.goto('/cases');
    expect((await listed).status()).toBe(200);
    const row = phone.getByTestId('case-table').locator('[data-row-key]').filter({ hasText: INDEX.fullName });
    await row.waitFor();
    expect(await row.textContent()).toContain('11/08/2021');
    await row.getByRole('link', { name: INDEX.fullName }).click();
    await phone.waitForURL(`**/cases/${firstCaseId}`);
  });

  it('thêm cả hộ gia đình 4 người tiếp xúc trong một lần: cách ly theo văn bản của ngày tiếp xúc', async () => {
    await phone.getByTestId('case-contacts').waitFor();
    await phone.getByTestId('add-contacts').click();
    await phone.waitForURL(`**/cases/${firstCaseId}/contacts/new`);
    const form = phone.getByTestId('add-contacts-form');
    await form.waitFor();

    await typeDate('#exposureDate', '10/08/2021');
    expect(await form.getByTestId('contacts-setting').textContent()).toContain('Hộ gia đình');
    expect(await form.getByTestId('contacts-vaccination').textContent()).toContain('Chưa rõ');

    // Rows 0 and 1: people already in the registry, found by a name typed without diacritics.
    for (const [i, resident] of REGISTERED.entries()) {
      if (i > 0) await form.getByTestId('add-contact-row').click();
      const row = form.getByTestId(`contact-row-${i}`);
      await row.waitFor();
      await pickPerson(`#people_${i}_personId`, resident.search, resident.fullName);
    }
    // Rows 2 and 3: new people, typed in, living in the same commune as the case.
    for (const [j, person] of TYPED.entries()) {
      const i = REGISTERED.length + j;
      await form.getByTestId('add-contact-row').click();
      const row = form.getByTestId(`contact-row-${i}`);
      await row.getByTestId(`contact-row-mode-${i}`).getByText('Người mới').click();
      await row.getByTestId(`contact-row-name-${i}`).fill(person.fullName);
      await typeDate(`#people_${i}_birthDate`, person.birth);
      await row.getByTestId(`contact-row-sex-${i}`).getByText(person.sex, { exact: true }).click();
      // Phone, identity and address sit behind one tap, so that a row stays short on a phone.
      await row.getByTestId(`contact-row-details-${i}`).click();
      if (person.phone) await row.getByTestId(`contact-row-phone-${i}`).fill(person.phone);
      await row.getByTestId(`contact-row-address-${i}`).fill('Tổ 12, đường Trần Phú');
      expect(await row.textContent()).toContain(COMMUNE_NAME);
    }

    const saved = apiResponse(phone, 'POST', new RegExp(`^/cases/${firstCaseId}/contacts/batch$`));
    await form.getByTestId('add-contacts-submit').click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toMatchObject({
      exposureDate: '2021-08-10',
      setting: 'household',
      vaccination: 'unknown',
      people: [
        { personId: REGISTERED[0].id },
        { personId: REGISTERED[1].id },
        {
          person: {
            fullName: TYPED[0].fullName,
            birthDate: TYPED[0].birthDate,
            sex: 'female',
            unitCode: COMMUNE,
          },
        },
        {
          person: {
            fullName: TYPED[1].fullName,
            birthDate: TYPED[1].birthDate,
            sex: 'male',
            phone: TYPED[1].phone,
          },
        },
      ],
    });
    expect((await answer.json()).items).toHaveLength(4);

    // Back on the case: one row per person, each with the quarantine of CV 5599/BYT-MT, in force
    // on 10/08/2021 (it cut the 21 days of CĐ 600/CĐ-BCĐ to 14 from 14/07/2021).
    await phone.waitForURL(`**/cases/${firstCaseId}`);
    const contacts = phone.getByTestId('case-contacts');
    await textOnceShown(contacts, 'Người tiếp xúc (4)');
    const rows = contacts.locator('[data-row-key]');
    expect(await rows.count()).toBe(4);
    const names = [...REGISTERED, ...TYPED].map((p) => p.fullName);
    for (const name of names) {
      const text = await rows.filter({ hasText: name }).textContent();
      expect(text).toContain('Hộ gia đình');
      expect(text).toContain('10/08/2021');
      expect(text).toContain('Cách ly tập trung');
      expect(text).toContain('24/08/2021 (14 ngày)');
      expect(text).toContain('Theo CV 5599/BYT-MT (14/07/2021)');
    }

    const { rows: stored } = await e2e.pool.query(
      `SELECT p.full_name, p.unit_code, k.degree, k.exposure_date::text AS exposure_date, k.setting,
              k.quarantine_place, k.quarantine_end::text AS quarantine_end, k.policy_code
         FROM contacts k JOIN persons p ON p.id = k.person_id
        WHERE k.case_id = $1 ORDER BY p.full_name`,
      [firstCaseId],
    );
    expect(stored).toEqual(
      [...names].sort().map((fullName) => ({
        full_name: fullName,
        unit_code: COMMUNE,
        degree: 1,
        exposure_date: '2021-08-10',
        setting: 'household',
        quarantine_place: 'facility',
        quarantine_end: '2021-08-24',
        policy_code: 'quarantine/cv-5599-byt-mt',
      })),
    );
  });

  it('một người trong hộ dương tính: ca thứ hai được tạo và nối với ca đầu', async () => {
    const answer = await registerPositivePcr(
      { search: 'hoang thi ngoc anh', fullName: SECOND.fullName },
      '14/08/2021 15:30',
      '15/08/2021 10:00',
    );
    expect(answer.status()).toBe(201);
    const saved = await answer.json();
    expect(saved.confirmation.outcome).toBe('confirmed');
    secondCaseId = saved.case.id;
    expect(secondCaseId).not.toBe(firstCaseId);
    expect(saved.case.sourceCaseId).toBe(firstCaseId);
    const outcome = phone.getByTestId('test-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('confirmed');
    expect(await phone.getByTestId('test-outcome-reasons').textContent()).toContain(
      'Kết quả ngày 15/08/2021',
    );

    const { rows } = await e2e.pool.query(
      `SELECT p.full_name, c.detected_on::text AS detected_on, c.source_case_id, k.resulting_case_id
         FROM cases c JOIN persons p ON p.id = c.person_id
         JOIN contacts k ON k.id = c.source_contact_id
        WHERE c.id = $1`,
      [secondCaseId],
    );
    expect(rows).toEqual([
      {
        full_name: SECOND.fullName,
        detected_on: '2021-08-15',
        source_case_id: firstCaseId,
        resulting_case_id: secondCaseId,
      },
    ]);

    await phone.getByTestId('test-case-link').click();
    await phone.waitForURL(`**/cases/${secondCaseId}`);
    const detail = await textOnceShown(phone.getByTestId('case-detail'), SECOND.fullName);
    expect(detail).toContain('15/08/2021');
    expect(detail).toContain('Lây từ ca bệnh');
    // The second case points back to its source.
    await phone.getByTestId('case-detail').getByRole('link', { name: 'Xem ca bệnh nguồn' }).click();
    await phone.waitForURL(`**/cases/${firstCaseId}`);
    // On the first case, her contact row now says she became a case, and leads to it.
    const row = phone
      .getByTestId('case-contacts')
      .locator('[data-row-key]')
      .filter({ hasText: SECOND.fullName });
    await row.getByText('Đã thành F0').waitFor();
    await row.getByRole('link', { name: 'Đã thành F0' }).click();
    await phone.waitForURL(`**/cases/${secondCaseId}`);
    await textOnceShown(phone.getByTestId('case-detail'), SECOND.fullName);
  });

  it('chuỗi lây nhiễm từ ca thứ hai: 2 ca, 4 người tiếp xúc, 2 thế hệ', async () => {
    const chain = apiResponse(phone, 'GET', new RegExp(`^/cases/${secondCaseId}/chain$`));
    await phone.getByTestId('case-chain-link').click();
    await phone.waitForURL(`**/cases/${secondCaseId}/chain`);
    const data = await (await chain).json();
    const cases = data.nodes.filter((n: { type: string }) => n.type === 'case');
    expect(cases.map((n: { id: string }) => n.id).sort()).toEqual([firstCaseId, secondCaseId].sort());
    expect(data.origin).toBe(firstCaseId);

    await phone.getByTestId('chain-graph').waitFor();
    const canvas = phone.getByTestId('chain-canvas');
    await canvas.waitFor();
    // Two cases and the four contacts of the first; four exposures and one "became a case".
    expect(await canvas.getAttribute('data-nodes')).toBe('6');
    expect(await canvas.getAttribute('data-edges')).toBe('5');
    expect(await phone.getByTestId('chain-case-count').textContent()).toBe('Ca bệnh: 2');
    expect(await phone.getByTestId('chain-contact-count').textContent()).toBe('Người tiếp xúc: 4');
    expect(await phone.getByTestId('chain-generations').textContent()).toBe('Số thế hệ lây: 2');
  });
});
