import { READING_RANGES, SYMPTOMS, TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { PageQuery } from '../../http/pagination.ts';
import { checkEligibility, EligibilityBody, type EligibilityInput } from './eligibility.ts';
import { createLink, type EntryInput, linkForm, listEntries, recordByLink, recordEntry } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });

const int = (field: keyof typeof READING_RANGES) =>
  Type.Optional(Type.Integer({ minimum: READING_RANGES[field].min, maximum: READING_RANGES[field].max }));

/** The measurements and symptoms of one reading (ranges: READING_RANGES, 400 naming the field). */
const ReadingFields = {
  spo2: int('spo2'),
  spo2Recheck: int('spo2Recheck'),
  respiratoryRate: int('respiratoryRate'),
  pulse: int('pulse'),
  /** °C, 30.0 to 45.0. */
  temperature: Type.Optional(Type.Number({ minimum: 30, maximum: 45 })),
  systolic: int('systolic'),
  diastolic: int('diastolic'),
  symptoms: Type.Optional(Type.Array(Type.Enum(SYMPTOMS), { maxItems: SYMPTOMS.length, uniqueItems: true })),
  note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
};

const EntryBody = Type.Object(
  {
    ...ReadingFields,
    recordedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: TEXT_LIMITS.dateTime })),
    recordedByKind: Type.Optional(Type.Enum(['station', 'team'])),
  },
  { additionalProperties: false },
);

const PublicEntryBody = Type.Object(
  { ...ReadingFields, recordedByKind: Type.Enum(['self', 'caregiver']) },
  { additionalProperties: false },
);

/** Public routes: a phone guessing tokens or flooding entries is slowed per address. */
const PUBLIC_READ_LIMIT = { max: 60, timeWindow: '1 minute' };
const PUBLIC_WRITE_LIMIT = { max: 20, timeWindow: '1 minute' };

/**
 * Daily monitoring of people cared for at home (issue 10 §3): entries by the health station or the
 * community team, the per-episode phone link, and the public form behind it (no account).
 */
export const monitoringRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/care/episodes/:id/monitoring',
    {
      config: { access: 'care.write' },
      schema: { tags: ['care'], params: IdParams, body: EntryBody },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const out = await recordEntry(pool, principal(request), request, id, request.body as EntryInput);
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/care/episodes/:id/monitoring',
    {
      config: { access: 'care.read' },
      schema: { tags: ['care'], params: IdParams, querystring: Type.Object(PageQuery) },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return listEntries(
        pool,
        principal(request),
        request,
        id,
        request.query as { cursor?: string; limit?: number },
      );
    },
  );

  app.post(
    '/care/episodes/:id/link',
    { config: { access: 'care.write' }, schema: { tags: ['care'], params: IdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return reply.code(201).send(await createLink(pool, principal(request), request, id));
    },
  );

  app.post(
    '/care/home-care/eligibility',
    {
      // A calculation on the facts sent: no record read or written, no place.
      config: { access: 'care.read', jurisdiction: 'none' },
      schema: { tags: ['care'], body: EligibilityBody },
    },
    async (request) => checkEligibility(request.body as EligibilityInput),
  );

  app.get(
    '/public/monitoring/:token',
    {
      config: { access: 'public', rateLimit: PUBLIC_READ_LIMIT },
      schema: { tags: ['public'], params: TokenParams },
    },
    async (request) => linkForm(pool, (request.params as { token: string }).token),
  );

  app.post(
    '/public/monitoring/:token',
    {
      config: { access: 'public', rateLimit: PUBLIC_WRITE_LIMIT },
      schema: { tags: ['public'], params: TokenParams, body: PublicEntryBody },
    },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const out = await recordByLink(
        pool,
        request,
        token,
        request.body as EntryInput & { recordedByKind: 'self' | 'caregiver' },
      );
      return reply.code(201).send(out);
    },
  );
};
