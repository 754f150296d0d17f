import { PassThrough } from 'node:stream';
import {
  CARE_PLACE_LABELS,
  CASE_STATUS_LABELS,
  type CarePlace,
  CaseInput,
  checkCaseInput,
  FOUND_BY_LABELS,
  formatVnDate,
  isolationPlan,
  OUTCOMES,
  SEVERITY_LABELS,
  type VaccinationStatus,
} from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import { chainOfCase } from '../clusters/chain.ts';
import { contactsOfCase } from '../contacts/queries.ts';
import { inTransaction } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { badInput, notFound, problemsError } from '../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';
import { todayInVietnam } from '../http/time.ts';
import { runImport } from '../imports/pipeline.ts';
import { acceptUploads, ImportQuery } from '../imports/upload.ts';
import { CountsByUnitQuery, CountsQuery, caseCounts, caseCountsByUnit } from './counts.ts';
import { caseImport } from './import.ts';
import { CaseFilters, type CaseFilterValues, caseConditions, caseRows } from './list.ts';
import { caseInScope, caseOut } from './queries.ts';
import { createCase } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const EXPORT_MAX_ROWS = 200_000;

export const caseRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/cases',
    { config: { access: 'case.write' }, schema: { tags: ['cases'], body: CaseInput } },
    async (request, reply) => {
      const me = principal(request);
      const checked = checkCaseInput(request.body as CaseInput, todayInVietnam());
      if (!checked.ok) throw problemsError(checked.problems);
      const row = await inTransaction(pool, (c) => createCase(c, me, request, checked.value));
      return reply.code(201).send(caseOut(row));
    },
  );

  app.get(
    '/cases',
    {
      config: { access: 'case.read' },
      schema: { tags: ['cases'], querystring: Type.Object({ ...CaseFilters, ...PageQuery }) },
    },
    async (request) => {
      const me = principal(request);
      const {
        cursor,
        limit = DEFAULT_LIMIT,
        ...filters
      } = request.query as CaseFilterValues & {
        cursor?: string;
        limit?: number;
      };
      const where = await caseConditions(pool, me, filters);
      const rows = await caseRows(
        pool,
        where,
        decodeCursor(cursor, 2) as [string, string] | undefined,
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => [r.detectedOn, r.id]);
      return { items: page.items.map(caseOut), next: page.next };
    },
  );

  app.get(
    '/cases/export.xlsx',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], querystring: Type.Object(CaseFilters) } },
    async (request, reply) => {
      const me = principal(request);
      const where = await caseConditions(pool, me, request.query as CaseFilterValues);
      const out = new PassThrough();
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
      const sheet = book.addWorksheet('Danh sách F0');
      sheet.columns = [
        { header: 'STT', key: 'n', width: 7 },
        { header: 'Họ và tên', key: 'name', width: 26 },
        { header: 'Ngày sinh', key: 'birth', width: 12 },
        { header: 'Giới tính', key: 'sex', width: 9 },
        { header: 'Xã/phường', key: 'unit', width: 24 },
        { header: 'Ngày phát hiện', key: 'detected', width: 14 },
        { header: 'Nguồn phát hiện', key: 'foundBy', width: 24 },
        { header: 'Ổ dịch', key: 'cluster', width: 24 },
        { header: 'Mức độ', key: 'severity', width: 16 },
        { header: 'Nơi điều trị', key: 'care', width: 22 },
        { header: 'Tình trạng', key: 'status', width: 16 },
        { header: 'Ngày kết thúc', key: 'outcome', width: 14 },
      ];
      await recordAudit(pool, request, {
        action: 'export',
        entity: 'case',
        detail: { filters: request.query },
      });
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="danh-sach-f0.xlsx"');
      (async () => {
        let after: [string, string] | undefined;
        let n = 0;
        while (n < EXPORT_MAX_ROWS) {
          const rows = await caseRows(pool, where, after, 5000);
          for (const r of rows) {
            sheet
              .addRow({
                n: ++n,
                name: r.personName,
                birth: formatVnDate(r.birthDate),
                sex: r.sex === 'male' ? 'Nam' : 'Nữ',
                unit: r.unitName,
                detected: formatVnDate(r.detectedOn),
                foundBy: FOUND_BY_LABELS[r.foundBy as keyof typeof FOUND_BY_LABELS] ?? r.foundBy,
                cluster: r.clusterName ?? '',
                severity: SEVERITY_LABELS[r.severity as keyof typeof SEVERITY_LABELS] ?? r.severity,
                care: CARE_PLACE_LABELS[r.carePlace as keyof typeof CARE_PLACE_LABELS] ?? r.carePlace,
                status: CASE_STATUS_LABELS[r.status as keyof typeof CASE_STATUS_LABELS] ?? r.status,
                outcome: r.outcomeOn ? formatVnDate(r.outcomeOn) : '',
              })
              .commit();
          }
          if (rows.length < 5000) break;
          const last = rows[rows.length - 1];
          after = [last.detectedOn, last.id];
        }
        sheet.commit();
        await book.commit();
      })().catch((err) => out.destroy(err));
      return reply.send(out);
    },
  );

  app.get(
    '/cases/counts',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], querystring: CountsQuery } },
    async (request) => ({ items: await caseCounts(pool, principal(request), request.query as never) }),
  );

  app.get(
    '/cases/counts/by-unit',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], querystring: CountsByUnitQuery } },
    async (request) => ({ items: await caseCountsByUnit(pool, principal(request), request.query as never) }),
  );

  app.get(
    '/cases/:id',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], params: IdParams } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const row = await caseInScope(pool, me, id);
      if (!row) throw notFound('Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn');
      const [events, contacts, source] = await Promise.all([
        query(
          pool,
          sql`SELECT occurred_on AS "on", kind, value, detail FROM case_events WHERE case_id = ${id}
               ORDER BY occurred_on, id`,
        ),
        contactsOfCase(pool, me, id),
        // What is known of the person's vaccination: the status recorded when they were traced as a contact.
        row.sourceContactId
          ? queryOne<{ vaccination: VaccinationStatus }>(
              pool,
              sql`SELECT vaccination FROM contacts WHERE id = ${row.sourceContactId}`,
            )
          : Promise.resolve(undefined),
      ]);
      await recordAudit(pool, request, { action: 'read', entity: 'case', entityId: id });
      return {
        ...caseOut(row),
        events,
        contacts,
        isolation: isolationPlan({
          detectedOn: row.detectedOn,
          carePlace: row.carePlace as CarePlace,
          vaccination: source?.vaccination ?? 'unknown',
        }),
      };
    },
  );

  app.post(
    '/cases/:id/events',
    {
      config: { access: 'case.write' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object({
          kind: Type.Union([Type.Literal('severity'), Type.Literal('care'), Type.Literal('outcome')]),
          on: Type.String({ format: 'date' }),
          value: Type.String({ maxLength: 30 }),
          detail: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const body = request.body as {
        kind: 'severity' | 'care' | 'outcome';
        on: string;
        value: string;
        detail?: string;
      };
      const row = await inTransaction(pool, async (c) => {
        const current = await caseInScope(c, me, id, true);
        if (!current) throw notFound('Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn');
        if (current.status !== 'active')
          throw badInput('Ca bệnh đã kết thúc, không thể cập nhật', 'kind', 'case_closed');
        if (body.on > todayInVietnam())
          throw badInput('Ngày không được ở sau ngày hôm nay', 'on', 'date_future');
        if (body.on < current.detectedOn) {
          throw badInput('Ngày không được trước ngày phát hiện ca bệnh', 'on', 'date_before_detection');
        }
        const allowed =
          body.kind === 'severity'
            ? Object.keys(SEVERITY_LABELS)
            : body.kind === 'care'
              ? Object.keys(CARE_PLACE_LABELS)
              : (OUTCOMES as readonly string[]);
        if (!allowed.includes(body.value)) throw badInput('Giá trị không hợp lệ', 'value', 'invalid_value');
        if (body.kind === 'outcome' && body.value === 'recovered' && !body.detail?.trim()) {
          throw badInput('Cần ghi tiêu chí xác nhận khỏi bệnh', 'detail', 'criterion_required');
        }
        await c.query(
          `INSERT INTO case_events (province_code, case_id, occurred_on, kind, value, detail, created_by)
           VALUES ($7, $1, $2, $3, $4, $5, $6)`,
          [id, body.on, body.kind, body.value, body.detail ?? null, me.accountId, current.provinceCode],
        );
        const column = { severity: 'severity', care: 'care_place', outcome: 'status' }[body.kind];
        await c.query(
          `UPDATE cases SET ${column} = $2 ${body.kind === 'outcome' ? ', outcome_on = $3, outcome_criterion = $4' : ''}
            WHERE id = $1`,
          body.kind === 'outcome' ? [id, body.value, body.on, body.detail ?? null] : [id, body.value],
        );
        await recordAudit(c, request, { action: 'update', entity: 'case', entityId: id, detail: body });
        return (await caseInScope(c, me, id))!;
      });
      return caseOut(row);
    },
  );

  app.get(
    '/cases/:id/chain',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], params: IdParams } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const chain = await chainOfCase(pool, me, id);
      if (!chain) throw notFound('Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn');
      return chain;
    },
  );
};

/** The case line-list import: its own plugin, so that only this route accepts multipart uploads. */
export const caseImportRoutes: Capability = async (app, { pool }) => {
  await acceptUploads(app);
  app.post(
    '/cases/import',
    {
      config: { access: 'case.write' },
      schema: { tags: ['cases'], querystring: ImportQuery, consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const { partial = false } = request.query as { partial?: boolean };
      return runImport(pool, request, principal(request), caseImport(request), partial);
    },
  );
};
