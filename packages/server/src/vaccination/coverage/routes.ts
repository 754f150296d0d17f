import { gzipSync } from 'node:zlib';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { DateString } from '../../http/time.ts';
import {
  type CoverageQuery,
  coverageReportJson,
  coverageWorkbook,
  laggingUnits,
  sentenceReport,
} from './service.ts';

/** A unit inside the jurisdiction (default the caller's), the day (default today), a group and a dose. */
const Query = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  asOf: Type.Optional(DateString()),
  ageGroup: Type.Optional(Type.String({ maxLength: 8 })),
  dose: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
});

/**
 * Coverage (issue 9 §3–4): the rows of a unit and its child units on a day, each against the
 * target that applies; the child units ranked lowest first with the people still missing; the
 * sentences officials write; the same rows as XLSX.
 */
export const coverageRoutes: Capability = async (app, { pool }) => {
  const config = { access: 'vaccination.read' as const };
  const schema = { tags: ['vaccination'], querystring: Query };

  app.get('/vaccination/coverage', { config, schema }, async (request, reply) => {
    const body = await coverageReportJson(pool, principal(request), request.query as CoverageQuery);
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    // A district's 300 rows are 70 kB of JSON and 6 kB compressed: compressed once, kept with the
    // body, and sent to every browser that takes gzip (all of them).
    if (body.text.length > 2048 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      body.gzip ??= gzipSync(body.text);
      return reply.header('content-encoding', 'gzip').send(body.gzip);
    }
    return reply.send(body.text);
  });

  app.get('/vaccination/coverage.xlsx', { config, schema }, async (request, reply) => {
    const book = await coverageWorkbook(pool, principal(request), request.query as CoverageQuery);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="do-bao-phu-tiem-chung.xlsx"')
      .send(book);
  });

  app.get('/vaccination/lagging', { config, schema }, async (request) =>
    laggingUnits(pool, principal(request), request.query as CoverageQuery),
  );

  app.get('/vaccination/sentence', { config, schema }, async (request) =>
    sentenceReport(pool, principal(request), request.query as CoverageQuery),
  );
};
