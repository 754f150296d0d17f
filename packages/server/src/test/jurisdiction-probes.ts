import type { Role } from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import type { Pool } from '../db/pool.ts';
import { multipartFile } from '../imports/multipart-body.ts';
import type { Client } from './harness.ts';

/** How to call one route against the victim's records: path parameters, query string, body. */
export interface ProbeRequest {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Extra request headers, e.g. the content type of a multipart upload. */
  headers?: Record<string, string>;
  /** Turns a binary answer (an XLSX export) into text to search for secrets. */
  decode?: (body: Buffer) => Promise<string>;
  /**
   * An answer of 2xx that is still a refusal: an import that processes the file and refuses each
   * row outside the caller's jurisdiction (its report imports nothing).
   */
  refusedIn?: (body: string) => boolean;
}

/** An import report (vaccinations, the platform's file) in which no row went in. */
export const nothingImported = (body: string): boolean => {
  const report = JSON.parse(body);
  return report.imported === 0 && !report.personsCreated && !report.synced && report.rejected > 0;
};

export interface ProbeFixture {
  /** Keyed by 'METHOD /api/v1/pattern', exactly as the route was registered. */
  requests: Record<string, ProbeRequest>;
  /** Strings of the victim's data that must never reach an account outside its jurisdiction. */
  secrets: string[];
}

/** The victim is a commune account of Phường Tân Phong (03387), TP Lai Châu (105), Lai Châu (12). */
export const VICTIM_UNIT = '03387';

/** A unit code that exists in no tree: the jurisdiction of an account that must see nothing. */
export const UNKNOWN_UNIT = '99999';

export type ProbeSetup = (ctx: {
  victim: Client;
  pool: Pool;
  /** Another account of the victim commune, for routes the victim's role may not call. */
  victimAs: (role: Role) => Promise<Client>;
}) => Promise<ProbeFixture>;

/** The text of every cell of an XLSX file. */
export async function xlsxText(body: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}

/**
 * Each capability adds a setup here that creates its records in the victim's commune and says
 * how to address them through its routes. The walk test fails on any route without one.
 */
export const PROBES: ProbeSetup[] = [
  // The victim's own account, its API token, and the administration and reference routes.
  async ({ victim }) => {
    const me = (await victim.get('/api/v1/auth/me')).json() as { id: string; username: string };
    const token = (await victim.post('/api/v1/auth/tokens', { name: 'Máy tính trạm' })).json() as {
      id: string;
      token: string;
    };
    return {
      secrets: [me.username, me.id, token.token],
      requests: {
        'GET /api/v1/auth/me': {},
        'POST /api/v1/auth/logout': {},
        'POST /api/v1/auth/password': {
          body: { currentPassword: 'not-the-password', newPassword: 'Một mật khẩu mới dài' },
        },
        'GET /api/v1/auth/tokens': {},
        'POST /api/v1/auth/tokens': { body: { name: 'Thử' } },
        'DELETE /api/v1/auth/tokens/:id': { params: { id: token.id } },
        'GET /api/v1/units': { query: 'q=tan%20phong' },
        'GET /api/v1/units/:code': { params: { code: VICTIM_UNIT } },
        'GET /api/v1/agencies': {},
        'GET /api/v1/users': { query: `q=${encodeURIComponent(me.username)}` },
        'POST /api/v1/users': {
          body: {
            username: 'nguoi.la.03387',
            password: 'Một mật khẩu rất dài',
            role: 'health_station',
            unitCode: VICTIM_UNIT,
          },
        },
        'PATCH /api/v1/users/:id': { params: { id: me.id }, body: { fullName: 'Đổi tên', disabled: true } },
        'POST /api/v1/users/:id/password': {
          params: { id: me.id },
          body: { password: 'Mật khẩu của kẻ lạ 1' },
        },
        'GET /api/v1/audit': { query: `actor=${encodeURIComponent(me.username)}` },
      },
    };
  },
  async ({ victim }) => {
    const household = (
      await victim.post('/api/v1/households', { unitCode: VICTIM_UNIT, address: 'Số 7 bí mật' })
    ).json();
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Quàng Thị Bímật',
        birthDate: '1988-08-08',
        sex: 'female',
        idNumber: '012188077701',
        phone: '0977000111',
        unitCode: VICTIM_UNIT,
        householdId: household.id,
      })
    ).json();
    return {
      secrets: [person.id, 'Bímật', 'bimat', '012188077701', '0977000111', household.id],
      requests: {
        'GET /api/v1/persons': { query: 'q=bimat' },
        'GET /api/v1/persons/:id': { params: { id: person.id } },
        'PATCH /api/v1/persons/:id': { params: { id: person.id }, body: { address: 'đổi' } },
        'POST /api/v1/persons/:id/move': { params: { id: person.id }, body: { unitCode: '03386' } },
        'POST /api/v1/persons': {
          body: { fullName: 'Người Lạ', birthDate: '1990-01-01', sex: 'male', unitCode: VICTIM_UNIT },
        },
        'POST /api/v1/households': { body: { unitCode: VICTIM_UNIT } },
      },
    };
  },
  async ({ victim, victimAs }) => {
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Lường Văn Kínđáo',
        birthDate: '1979-09-09',
        sex: 'male',
        unitCode: VICTIM_UNIT,
      })
    ).json();
    const contactPerson = (
      await victim.post('/api/v1/persons', {
        fullName: 'Lường Thị Kínđáo',
        birthDate: '1981-01-01',
        sex: 'female',
        unitCode: VICTIM_UNIT,
      })
    ).json();
    const commander = await victimAs('command_center');
    const cluster = (
      await commander.post('/api/v1/clusters', {
        name: 'Ổ dịch Kínđáo',
        unitCode: VICTIM_UNIT,
        openedOn: '2021-08-01',
      })
    ).json();
    const kase = (
      await victim.post('/api/v1/cases', {
        personId: person.id,
        detectedOn: '2021-08-02',
        foundBy: 'community',
        clusterId: cluster.id,
      })
    ).json();
    const contact = (
      await victim.post(`/api/v1/cases/${kase.id}/contacts`, {
        personId: contactPerson.id,
        exposureDate: '2021-08-01',
        setting: 'household',
      })
    ).json();
    const other = { fullName: 'Người Lạ', birthDate: '1990-01-01', sex: 'male', unitCode: VICTIM_UNIT };
    return {
      secrets: [person.id, contactPerson.id, cluster.id, kase.id, contact.id, 'Kínđáo', 'kindao'],
      requests: {
        'POST /api/v1/cases': {
          body: { personId: person.id, detectedOn: '2021-09-01', foundBy: 'community' },
        },
        'GET /api/v1/cases': { query: 'q=kindao' },
        'GET /api/v1/cases/export.xlsx': { query: 'q=kindao', decode: xlsxText },
        'GET /api/v1/cases/counts': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/cases/counts/by-unit': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/cases/:id': { params: { id: kase.id } },
        'POST /api/v1/cases/:id/events': {
          params: { id: kase.id },
          body: { kind: 'severity', on: '2021-08-03', value: 'mild' },
        },
        'GET /api/v1/cases/:id/chain': { params: { id: kase.id } },
        'POST /api/v1/cases/:id/contacts': {
          params: { id: kase.id },
          body: { personId: contactPerson.id, exposureDate: '2021-08-01', setting: 'household' },
        },
        'POST /api/v1/cases/:id/contacts/batch': {
          params: { id: kase.id },
          body: { exposureDate: '2021-08-01', setting: 'household', people: [{ person: other }] },
        },
        'GET /api/v1/contacts': { query: `case=${kase.id}` },
        'POST /api/v1/clusters': {
          body: { name: 'Ổ dịch lạ', unitCode: VICTIM_UNIT, openedOn: '2021-08-01' },
        },
        'GET /api/v1/clusters': { query: 'status=open' },
        'GET /api/v1/clusters/:id': { params: { id: cluster.id } },
        'POST /api/v1/clusters/:id/cases': { params: { id: cluster.id }, body: { caseIds: [kase.id] } },
        'POST /api/v1/clusters/:id/lockdowns': {
          params: { id: cluster.id },
          body: { unitCodes: [VICTIM_UNIT], startsOn: '2021-08-02' },
        },
        'POST /api/v1/clusters/:id/close': { params: { id: cluster.id }, body: { closedOn: '2021-10-01' } },
        'GET /api/v1/clusters/:id/chain': { params: { id: cluster.id } },
      },
    };
  },
  async ({ victim }) => {
    const person = async (fullName: string, birthDate: string, sex: string, idNumber: string) =>
      (
        await victim.post('/api/v1/persons', { fullName, birthDate, sex, idNumber, unitCode: VICTIM_UNIT })
      ).json();
    const a = await person('Mùa Thị Giấukín', '1995-05-05', 'female', '012195077702');
    const b = await person('Mùa Văn Giấukín', '1990-09-09', 'male', '012090077703');
    const test = (
      await victim.post('/api/v1/tests', {
        personId: a.id,
        kind: 'rt_pcr',
        performer: 'health_worker',
        sampledAt: '2021-08-05T08:00:00+07:00',
        result: 'pending',
      })
    ).json();
    const pool = (
      await victim.post('/api/v1/tests/pools', {
        memberIds: [a.id, b.id],
        sampledAt: '2021-08-06T08:00:00+07:00',
      })
    ).json();
    // Positive: both members wait on the worklist.
    const positive = await victim.patch(`/api/v1/tests/pools/${pool.id}`, {
      result: 'positive',
      resultedAt: '2021-08-06T20:00:00+07:00',
    });
    if (!test.id || positive.statusCode !== 200)
      throw new Error(`test probes: setup failed: ${positive.body}`);
    const results = multipartFile(
      'ket-qua.csv',
      'Số CCCD,Ngày lấy mẫu,Kết quả\n012195077702,07/08/2021,Âm tính\n',
    );
    const lineList = multipartFile('f0.csv', 'Số CCCD,Ngày phát hiện\n012090077703,07/08/2021\n');
    const result = { result: 'negative', resultedAt: '2021-08-07T08:00:00+07:00' };
    return {
      secrets: [a.id, b.id, test.id, pool.id, 'Giấukín', 'giaukin', '012195077702', '012090077703'],
      requests: {
        'POST /api/v1/tests': {
          body: {
            personId: a.id,
            kind: 'rt_pcr',
            performer: 'health_worker',
            sampledAt: '2021-08-07T08:00:00+07:00',
            result: 'pending',
          },
        },
        'PATCH /api/v1/tests/:id': { params: { id: test.id }, body: result },
        'GET /api/v1/tests': { query: `person=${a.id}` },
        'POST /api/v1/tests/pools': {
          body: { memberIds: [a.id, b.id], sampledAt: '2021-08-07T08:00:00+07:00' },
        },
        'PATCH /api/v1/tests/pools/:id': { params: { id: pool.id }, body: result },
        'GET /api/v1/tests/pools/:id': { params: { id: pool.id } },
        'GET /api/v1/tests/worklist': {},
        'POST /api/v1/tests/import': { body: results.payload, headers: results.headers },
        'POST /api/v1/cases/import': { body: lineList.payload, headers: lineList.headers },
      },
    };
  },
  // Care tiers: reference data anyone reads; a change of the victim's province (Lai Châu, 12) is its own.
  async () => ({
    secrets: [],
    requests: {
      'GET /api/v1/care-tiers': { query: 'province=12' },
      'PUT /api/v1/care-tiers/:code': {
        params: { code: 'hospital_t3' },
        query: 'province=12',
        body: { name: 'Tầng của kẻ lạ', active: false },
      },
    },
  }),
  // Start pages: situation panels and the commune's work of a day, over the victim's records above.
  async () => {
    const query = `unit=${VICTIM_UNIT}&date=2021-08-06`;
    return {
      secrets: [],
      requests: Object.fromEntries(
        [
          'latest',
          'new-cases',
          'active-cases',
          'quarantine',
          'clusters',
          'tests',
          'vaccination-coverage',
          'vaccination-lagging',
          'vaccination-backlog',
          'care',
        ]
          .map((panel) => [`GET /api/v1/situation/${panel}`, { query }])
          .concat([['GET /api/v1/work/today', { query }]]),
      ),
    };
  },
  // Import guides: the columns each import accepts and its XLSX template (reference data, no place).
  async () => ({
    secrets: [],
    requests: {
      'GET /api/v1/tests/import/columns': {},
      'GET /api/v1/tests/import/template.xlsx': { decode: xlsxText },
      'GET /api/v1/cases/import/columns': {},
      'GET /api/v1/cases/import/template.xlsx': { decode: xlsxText },
    },
  }),
  // A person's records (tests, cases, contacts) and the households of a commune.
  async ({ victim }) => {
    const household = (
      await victim.post('/api/v1/households', { unitCode: VICTIM_UNIT, address: 'Ngõ Hồsơ kín' })
    ).json();
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Hoàng Thị Hồsơ',
        birthDate: '1991-01-19',
        sex: 'female',
        unitCode: VICTIM_UNIT,
        householdId: household.id,
      })
    ).json();
    const test = (
      await victim.post('/api/v1/tests', {
        personId: person.id,
        kind: 'rt_pcr',
        performer: 'health_worker',
        sampledAt: '2021-08-09T08:00:00+07:00',
        result: 'pending',
      })
    ).json();
    return {
      secrets: [person.id, household.id, test.id, 'Hồsơ', 'hoso'],
      requests: {
        'GET /api/v1/persons/:id/records': { params: { id: person.id } },
        'GET /api/v1/households': { query: `unit=${VICTIM_UNIT}&q=hoso` },
      },
    };
  },
  // A person's doses (recorded, listed, corrected, reviewed) and the review queue of flagged doses.
  async ({ victim }) => {
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Sùng Thị Mũikín',
        birthDate: '2010-10-10',
        sex: 'female',
        unitCode: VICTIM_UNIT,
      })
    ).json();
    // A child of 10 in August 2021: too young then, so the dose waits for review.
    const flagged = (
      await victim.post(`/api/v1/persons/${person.id}/doses`, {
        doseNumber: 1,
        product: 'pfizer',
        givenOn: '2021-08-20',
        lot: 'LOMUIKIN',
        nationalId: 'MMT-MUIKIN',
      })
    ).json();
    if (flagged.reviewStatus !== 'pending')
      throw new Error(`dose probes: setup failed: ${JSON.stringify(flagged)}`);
    return {
      secrets: [person.id, flagged.id, 'Mũikín', 'muikin', 'LOMUIKIN', 'MMT-MUIKIN'],
      requests: {
        'POST /api/v1/persons/:id/doses': {
          params: { id: person.id },
          body: { doseNumber: 2, product: 'pfizer', givenOn: '2021-09-20' },
        },
        'GET /api/v1/persons/:id/doses': { params: { id: person.id } },
        'POST /api/v1/doses/:id/correct': {
          params: { id: flagged.id },
          body: { givenOn: '2021-08-21', reason: 'Kẻ lạ sửa' },
        },
        'POST /api/v1/doses/:id/review': {
          params: { id: flagged.id },
          body: { decision: 'rejected', note: 'Kẻ lạ loại' },
        },
        'GET /api/v1/vaccination/reviews': { query: 'limit=200' },
      },
    };
  },
  // The national-platform backlog: counts, the export of unsynced doses, the platform's answer.
  async ({ victim, pool }) => {
    const { rows } = await pool.query(
      `WITH p AS (
         INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex)
         VALUES ('12', $1, 'Lù Thị Chờđồngbộ', 'lu thi chodongbo', '1988-08-08', 'female') RETURNING id)
       INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, site, source)
       SELECT '12', p.id, $1, 1, 'primary', 'astrazeneca', '2021-08-08', 'Điểm tiêm Kínđồngbộ', 'entry' FROM p
       RETURNING id, person_id`,
      [VICTIM_UNIT],
    );
    const answer = (lines: string) =>
      multipartFile('nen-tang.csv', `Mã mũi tiêm,Mã tham chiếu Tuyến Đầu\n${lines}`);
    // The victim's own import, with a refused row (its dose stays unsynced, to be exported).
    const own = answer('MT-CHODONGBO,khong-phai-ma\n');
    const upload = await victim.request({
      method: 'POST',
      url: '/api/v1/vaccination/backlog/import',
      payload: own.payload,
      headers: own.headers,
    });
    const batch = upload.json().batchId;
    if (!batch) throw new Error(`backlog probes: setup failed: ${upload.body}`);
    // Another place's file: every row is about a dose outside the intruder's jurisdiction.
    const intruder = answer(`MT-KELA,${rows[0].id}\n`);
    return {
      secrets: [rows[0].id, rows[0].person_id, batch, 'Chờđồngbộ', 'chodongbo', 'Kínđồngbộ', 'MT-CHODONGBO'],
      requests: {
        'GET /api/v1/vaccination/backlog': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/vaccination/backlog/export.xlsx': { query: `unit=${VICTIM_UNIT}`, decode: xlsxText },
        'POST /api/v1/vaccination/backlog/import': { body: intruder.payload, headers: intruder.headers },
        'GET /api/v1/vaccination/backlog/imports/:id/errors.csv': { params: { id: batch } },
      },
    };
  },
  // Door-to-door lists of the victim commune (list, villages, XLSX, PDF) and a mobile team's mark.
  async ({ victim }) => {
    const household = (
      await victim.post('/api/v1/households', { unitCode: VICTIM_UNIT, address: 'Số 7, Bản Cửakín' })
    ).json();
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Giàng Thị Nhàkín',
        birthDate: '1984-04-14',
        sex: 'female',
        unitCode: VICTIM_UNIT,
        householdId: household.id,
      })
    ).json();
    if (!person.id) throw new Error(`door probes: setup failed: ${JSON.stringify(person)}`);
    const query = `unit=${VICTIM_UNIT}&village=${encodeURIComponent('Bản Cửakín')}`;
    return {
      secrets: [person.id, 'Nhàkín', 'nhakin', 'Cửakín'],
      requests: {
        'GET /api/v1/vaccination/door': { query },
        'GET /api/v1/vaccination/door/villages': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/vaccination/door.xlsx': { query, decode: xlsxText },
        // PDF text is glyph-coded: an outsider's answer is checked as JSON (a refusal), not decoded.
        'GET /api/v1/vaccination/door.pdf': { query },
        'POST /api/v1/persons/:id/door-marks': {
          params: { id: person.id },
          body: { mark: 'moved_away', reason: 'Kẻ lạ đánh dấu' },
        },
      },
    };
  },
  // Coverage, its sentence and XLSX, targets and official populations of the victim commune.
  async ({ victim }) => {
    const target = (
      await victim.post('/api/v1/vaccination/targets', {
        unitCode: VICTIM_UNIT,
        ageGroup: '18+',
        dose: 3,
        targetRate: 90,
        deadline: '2022-09-30',
        note: 'Chỉ tiêu Bíẩnphong',
      })
    ).json();
    const population = await victim.request({
      method: 'PUT',
      url: `/api/v1/vaccination/population-targets/${VICTIM_UNIT}/18%2B`,
      payload: { population: 1234, source: 'Quyết định Kínphong' },
    });
    if (!target.id || population.statusCode !== 200)
      throw new Error(`coverage probes: setup failed: ${JSON.stringify(target)} ${population.body}`);
    const unit = `unit=${VICTIM_UNIT}&asOf=2022-08-31`;
    return {
      secrets: [target.id, 'Bíẩnphong', 'Kínphong'],
      requests: {
        'GET /api/v1/vaccination/coverage': { query: unit },
        'GET /api/v1/vaccination/coverage.xlsx': { query: unit, decode: xlsxText },
        'GET /api/v1/vaccination/lagging': { query: unit },
        'GET /api/v1/vaccination/sentence': { query: unit },
        'GET /api/v1/vaccination/targets': { query: `unit=${VICTIM_UNIT}` },
        'POST /api/v1/vaccination/targets': {
          body: { unitCode: VICTIM_UNIT, ageGroup: '18+', dose: 4, targetRate: 10, deadline: '2022-12-31' },
        },
        'PATCH /api/v1/vaccination/targets/:id': { params: { id: target.id }, body: { targetRate: 10 } },
        'DELETE /api/v1/vaccination/targets/:id': { params: { id: target.id } },
        'GET /api/v1/vaccination/population-targets': { query: `unit=${VICTIM_UNIT}` },
        'PUT /api/v1/vaccination/population-targets/:unitCode/:ageGroup': {
          params: { unitCode: VICTIM_UNIT, ageGroup: '18+' },
          body: { population: 1 },
        },
        'DELETE /api/v1/vaccination/population-targets/:unitCode/:ageGroup': {
          params: { unitCode: VICTIM_UNIT, ageGroup: '18+' },
        },
      },
    };
  },
  // Data cleaning: the victim's problems to verify, a likely duplicate pair, a live merge.
  async ({ victim }) => {
    const register = async (fullName: string) =>
      (
        await victim.post('/api/v1/persons', {
          fullName,
          birthDate: '1979-09-09',
          sex: 'male',
          unitCode: VICTIM_UNIT,
          confirmNew: true,
        })
      ).json() as { id: string };
    const [a, b, c, d] = [
      await register('Hờ Văn Sạchkín'),
      await register('Hờ Văn Sạchkín'),
      await register('Hờ Văn Gộpkín'),
      await register('Hờ Văn Gộpkín'),
    ];
    const scan = await victim.post('/api/v1/vaccination/cleaning/scan', { unitCode: VICTIM_UNIT });
    const merge = (
      await victim.post('/api/v1/vaccination/cleaning/merges', { survivorId: c.id, mergedId: d.id })
    ).json();
    const problem = (
      await victim.get(`/api/v1/vaccination/cleaning/problems?unit=${VICTIM_UNIT}&kind=duplicate_name`)
    ).json().items?.[0];
    if (scan.statusCode !== 200 || !merge.id || !problem?.id)
      throw new Error(`cleaning probes: setup failed: ${scan.body} ${JSON.stringify(merge)}`);
    return {
      secrets: [a.id, b.id, c.id, d.id, problem.id, merge.id, 'Sạchkín', 'sachkin', 'Gộpkín'],
      requests: {
        'GET /api/v1/vaccination/cleaning/counts': { query: `unit=${VICTIM_UNIT}` },
        'POST /api/v1/vaccination/cleaning/scan': { body: { unitCode: VICTIM_UNIT } },
        'GET /api/v1/vaccination/cleaning/problems': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/vaccination/cleaning/problems/:id': { params: { id: problem.id } },
        'POST /api/v1/vaccination/cleaning/problems/:id/correct': {
          params: { id: problem.id },
          body: { person: { fullName: 'Kẻ Lạ Sửa' } },
        },
        'POST /api/v1/vaccination/cleaning/problems/:id/confirm': { params: { id: problem.id }, body: {} },
        'POST /api/v1/vaccination/cleaning/merges': { body: { survivorId: a.id, mergedId: b.id } },
        'POST /api/v1/vaccination/cleaning/merges/:id/undo': { params: { id: merge.id } },
      },
    };
  },
  // Vaccination lists: the victim's own import (a person registered in the commune, a refused row
  // kept for its error report) and another place's file whose rows name the victim's commune.
  async ({ victim }) => {
    const file = (lines: string) =>
      multipartFile(
        'tiem-chung.csv',
        `Họ và tên,Ngày sinh,Giới tính,Mã xã,Mũi tiêm,Ngày tiêm,Tên vắc xin\n${lines}`,
      );
    const own = file(
      `Vàng Thị Tiêmkín,03/03/1993,Nữ,${VICTIM_UNIT},1,10/08/2021,AstraZeneca\n,04/04/1994,Nữ,${VICTIM_UNIT},1,10/08/2021,AstraZeneca\n`,
    );
    const upload = await victim.request({
      method: 'POST',
      url: '/api/v1/vaccination/import',
      payload: own.payload,
      headers: own.headers,
    });
    const batch = upload.json().batchId;
    if (!batch) throw new Error(`vaccination import probes: setup failed: ${upload.body}`);
    const intruder = file(`Vàng Thị Tiêmkín,03/03/1993,Nữ,${VICTIM_UNIT},2,10/09/2021,AstraZeneca\n`);
    return {
      secrets: [batch, 'Tiêmkín', 'tiemkin'],
      requests: {
        'POST /api/v1/vaccination/import': {
          body: intruder.payload,
          headers: intruder.headers,
          refusedIn: nothingImported,
        },
        'GET /api/v1/vaccination/imports/:id/errors.csv': { params: { id: batch } },
        'GET /api/v1/vaccination/import/columns': {},
        'GET /api/v1/vaccination/import/template.xlsx': { decode: xlsxText },
      },
    };
  },
  // Home care (issue 10 §3): an episode at home in the victim commune, its monitoring, its phone
  // link, its open alert on the board, and a treatment facility to transfer to.
  async ({ victim, pool }) => {
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Lò Thị Theodõikín',
        birthDate: '1980-08-08',
        sex: 'female',
        unitCode: VICTIM_UNIT,
      })
    ).json();
    const { rows } = await pool.query(
      `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, place, start_on)
       VALUES ('12', $1, $2, 'case', 'home', '2022-02-01') RETURNING id`,
      [person.id, VICTIM_UNIT],
    );
    const facility = await pool.query(
      `INSERT INTO facilities (province_code, unit_code, name, kind, type, tier_code, state, beds)
       VALUES ('12', '105', 'Bệnh viện Thửkín', 'treatment', 'hospital', 'hospital_t2', 'active', 5) RETURNING id`,
    );
    const episodeId = rows[0].id as string;
    const entry = await victim.post(`/api/v1/care/episodes/${episodeId}/monitoring`, {
      spo2: 91,
      spo2Recheck: 91,
      note: 'Ghi chú Theodõikín',
    });
    const alertId = entry.json().alert?.id;
    if (!alertId) throw new Error(`home care probes: setup failed: ${entry.body}`);
    return {
      secrets: [person.id, episodeId, alertId, 'Theodõikín', 'theodoikin'],
      requests: {
        'GET /api/v1/care/episodes/:id/monitoring': { params: { id: episodeId } },
        'POST /api/v1/care/episodes/:id/monitoring': { params: { id: episodeId }, body: { spo2: 80 } },
        'POST /api/v1/care/episodes/:id/link': { params: { id: episodeId } },
        'GET /api/v1/care/board': { query: `unit=${VICTIM_UNIT}` },
        // Public: the walk has no link's secret; an unknown one opens nothing.
        'GET /api/v1/public/monitoring/:token': { params: { token: `12.${'A'.repeat(43)}` } },
        'POST /api/v1/public/monitoring/:token': {
          params: { token: `12.${'A'.repeat(43)}` },
          body: { recordedByKind: 'self', spo2: 97 },
        },
        'POST /api/v1/care/home-care/eligibility': {
          body: {
            birthDate: '1980-08-08',
            underlyingDisease: 'none',
            pregnant: false,
            vaccineDoses: 2,
            selfCare: true,
            caregiver: false,
          },
        },
        'POST /api/v1/care/alerts/:id/dismiss': { params: { id: alertId }, body: { note: 'Kẻ lạ bỏ qua' } },
        'POST /api/v1/care/alerts/:id/transfer': {
          params: { id: alertId },
          body: { facilityId: facility.rows[0].id },
        },
      },
    };
  },
  // Isolation places: a facility of the victim commune, a person admitted to it, one isolated at home.
  async ({ victim, victimAs }) => {
    const officer = await victimAs('health_officer');
    const mk = async (fullName: string) =>
      (
        await victim.post('/api/v1/persons', {
          fullName,
          birthDate: '1985-05-05',
          sex: 'male',
          unitCode: VICTIM_UNIT,
        })
      ).json() as { id: string };
    const admitted = await mk('Lò Văn Giườngkín');
    const home = await mk('Lò Thị Nhàkín');
    const facility = (
      await officer.post('/api/v1/facilities', {
        name: 'Khu cách ly Cơsởkín',
        kind: 'isolation',
        type: 'dormitory',
        unitCode: VICTIM_UNIT,
        capacity: { beds: 10 },
      })
    ).json() as { id: string };
    await officer.post(`/api/v1/facilities/${facility.id}/state`, {
      state: 'ready',
      effectiveOn: '2021-08-01',
      decidedBy: 'QĐ 1/QĐ-UBND',
    });
    await officer.post(`/api/v1/facilities/${facility.id}/state`, {
      state: 'active',
      effectiveOn: '2021-08-02',
      decidedBy: 'QĐ 2/QĐ-UBND',
    });
    const inBed = (
      await victim.post(`/api/v1/facilities/${facility.id}/admissions`, {
        personId: admitted.id,
        reason: 'arrival',
      })
    ).json() as { id: string };
    const atHome = (
      await victim.post('/api/v1/care/episodes', {
        personId: home.id,
        reason: 'other',
        commitment: { signer: 'Lò Văn Kýkín', signedOn: '2021-08-03' },
      })
    ).json() as { id: string };
    if (!inBed.id || !atHome.id) throw new Error('places probes: setup failed');
    return {
      secrets: [
        admitted.id,
        home.id,
        inBed.id,
        atHome.id,
        facility.id,
        'Giườngkín',
        'Nhàkín',
        'Kýkín',
        'Cơsởkín',
      ],
      requests: {
        'POST /api/v1/facilities': {
          body: {
            name: 'Cơ sở lạ',
            kind: 'isolation',
            type: 'hotel',
            unitCode: VICTIM_UNIT,
            capacity: { beds: 1 },
          },
        },
        'GET /api/v1/facilities': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/facilities/:id': { params: { id: facility.id } },
        'POST /api/v1/facilities/:id/state': {
          params: { id: facility.id },
          body: { state: 'closed', effectiveOn: '2021-09-01', decidedBy: 'Kẻ lạ' },
        },
        'PUT /api/v1/facilities/:id/days/:day': {
          params: { id: facility.id, day: '2021-08-05' },
          body: { beds: 99 },
        },
        'GET /api/v1/facilities/:id/days': { params: { id: facility.id } },
        'POST /api/v1/facilities/:id/admissions': {
          params: { id: facility.id },
          body: { personId: home.id, reason: 'other' },
        },
        'GET /api/v1/care/capacity': { query: `unit=${VICTIM_UNIT}` },
        'POST /api/v1/care/episodes': {
          body: {
            personId: admitted.id,
            reason: 'other',
            commitment: { signer: 'Kẻ lạ', signedOn: '2021-08-03' },
          },
        },
        'GET /api/v1/care/episodes': { query: `unit=${VICTIM_UNIT}` },
        'GET /api/v1/care/episodes/:id': { params: { id: inBed.id } },
        'POST /api/v1/care/episodes/:id/discharge': {
          params: { id: inBed.id },
          body: { reason: 'absconded' },
        },
        'POST /api/v1/care/episodes/:id/move': { params: { id: inBed.id }, body: { to: 'home' } },
        'POST /api/v1/care/episodes/:id/commitment': {
          params: { id: atHome.id },
          body: { signer: 'Kẻ lạ', signedOn: '2021-08-04' },
        },
      },
    };
  },
  // Recovery certificates and hotline requests: an F0 of the victim commune past its isolation, its
  // certificate, a hotline request about them, the commune's published numbers.
  async ({ victim, pool }) => {
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Vàng Thị Khỏibímật',
        birthDate: '1984-04-04',
        sex: 'female',
        unitCode: VICTIM_UNIT,
        phone: '0966000222',
      })
    ).json() as { id: string };
    const since = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const kase = await pool.query(
      `INSERT INTO cases (province_code, unit_code, person_id, detected_on, found_by, care_place)
       VALUES ('12', $1, $2, $3, 'symptomatic', 'home') RETURNING id`,
      [VICTIM_UNIT, person.id, since],
    );
    const episode = await pool.query(
      `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, case_id, place, start_on)
       VALUES ('12', $1, $2, 'case', $3, 'home', $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [person.id, VICTIM_UNIT, kase.rows[0].id, since],
    );
    const episodeId =
      episode.rows[0]?.id ??
      (
        await pool.query(`SELECT id FROM care_episodes WHERE person_id = $1 AND status = 'active'`, [
          person.id,
        ])
      ).rows[0].id;
    const certificate = (await victim.post(`/api/v1/care/episodes/${episodeId}/certificate`, {})).json() as {
      id: string;
    };
    const verify = await pool.query('SELECT verify_code FROM recovery_certificates WHERE id = $1', [
      certificate.id,
    ]);
    const request = (
      await victim.post('/api/v1/hotline-requests', {
        callerName: 'Vàng Văn Gọibímật',
        phone: '0966000333',
        unitCode: VICTIM_UNIT,
        kind: 'food',
      })
    ).json() as { id: string };
    return {
      secrets: [
        'Khỏibímật',
        'Gọibímật',
        '0966000333',
        certificate.id,
        verify.rows[0].verify_code,
        request.id,
      ],
      requests: {
        'GET /api/v1/care/episodes/:id/certificate': { params: { id: episodeId } },
        'POST /api/v1/care/episodes/:id/certificate': { params: { id: episodeId }, body: {} },
        'GET /api/v1/care/certificates/:id.pdf': { params: { id: certificate.id } },
        'POST /api/v1/care/certificates/:id/revoke': {
          params: { id: certificate.id },
          body: { reason: 'Kẻ lạ' },
        },
        'GET /api/v1/public/certificates/:code': { params: { code: '12-AAAAAAAAAAAAAAAAAAAAAAAA' } },
        'POST /api/v1/hotline-requests': {
          body: { callerName: 'Kẻ lạ', phone: '0966000444', personId: person.id, kind: 'food' },
        },
        'GET /api/v1/hotline-requests': { query: `unit=${VICTIM_UNIT}` },
        'POST /api/v1/hotline-requests/:id/assign': {
          params: { id: request.id },
          body: { assignedTo: 'Kẻ lạ' },
        },
        'POST /api/v1/hotline-requests/:id/resolve': {
          params: { id: request.id },
          body: { resolution: 'Kẻ lạ' },
        },
        'PUT /api/v1/units/:code/hotline-numbers': {
          params: { code: VICTIM_UNIT },
          body: { numbers: [{ phone: '0966000555', label: 'Kẻ lạ' }] },
        },
      },
    };
  },
];
