import { FACILITY_KINDS, FACILITY_STATES, FACILITY_TYPES, MAX_CAPACITY, TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { PageQuery } from '../../http/pagination.ts';
import { DateString } from '../../http/time.ts';
import { admitToFacility } from '../episodes/service.ts';
import { capacityBoard } from './board.ts';
import {
  type CapacityInput,
  changeState,
  createFacility,
  type FacilityQuery,
  facilityDaysOf,
  facilityDetail,
  listFacilities,
  type NewFacility,
  reportDay,
  type StateChange,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Count = () => Type.Integer({ minimum: 0, maximum: MAX_CAPACITY });
const CapacityFields = {
  beds: Count(),
  icuBeds: Type.Optional(Count()),
  ventilators: Type.Optional(Count()),
  highFlowOxygen: Type.Optional(Count()),
  ecmo: Type.Optional(Count()),
  dialysis: Type.Optional(Count()),
  oxygenConcentrators: Type.Optional(Count()),
};
const Capacity = Type.Object(CapacityFields, { additionalProperties: false });

const NewFacilityBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.name }),
    kind: Type.Enum(FACILITY_KINDS),
    type: Type.Enum(FACILITY_TYPES),
    tier: Type.Optional(Type.String({ maxLength: 30 })),
    unitCode: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.unitCode }),
    owner: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.name })),
    address: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.address })),
    phone: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.phone })),
    oxygenSupply: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.name })),
    capacity: Capacity,
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  kind: Type.Optional(Type.Enum(FACILITY_KINDS)),
  state: Type.Optional(Type.Enum(FACILITY_STATES)),
  tier: Type.Optional(Type.String({ maxLength: 30 })),
  available: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.name })),
  ...PageQuery,
});

const StateBody = Type.Object(
  {
    state: Type.Enum(FACILITY_STATES),
    effectiveOn: DateString(),
    decidedBy: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.name }),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  },
  { additionalProperties: false },
);

const DayBody = Type.Object(
  { ...CapacityFields, icuOccupied: Type.Optional(Count()) },
  { additionalProperties: false },
);

const AdmissionBody = Type.Object(
  {
    personId: Type.String({ format: 'uuid' }),
    reason: Type.Enum(['case', 'contact', 'arrival', 'other'] as const),
    startOn: Type.Optional(DateString()),
    plannedEndOn: Type.Optional(DateString()),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
    override: Type.Optional(
      Type.Object(
        { reason: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.note }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Facilities (isolation sites, treatment facilities), their state, daily capacity, admissions; the capacity board. */
export const facilityRoutes: Capability = async (app, { pool }) => {
  const tags = ['care'];
  app.post(
    '/facilities',
    { config: { access: 'facility.manage' }, schema: { tags, body: NewFacilityBody } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createFacility(pool, principal(request), request, request.body as NewFacility)),
  );
  app.get(
    '/facilities',
    { config: { access: 'care.read' }, schema: { tags, querystring: ListQuery } },
    async (request) => listFacilities(pool, principal(request), request.query as FacilityQuery),
  );
  app.get(
    '/facilities/:id',
    { config: { access: 'care.read' }, schema: { tags, params: IdParams } },
    async (request) => facilityDetail(pool, principal(request), (request.params as { id: string }).id),
  );
  app.post(
    '/facilities/:id/state',
    { config: { access: 'facility.manage' }, schema: { tags, params: IdParams, body: StateBody } },
    async (request) =>
      changeState(
        pool,
        principal(request),
        request,
        (request.params as { id: string }).id,
        request.body as StateChange,
      ),
  );
  app.put(
    '/facilities/:id/days/:day',
    {
      config: { access: 'facility.manage' },
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), day: DateString() }),
        body: DayBody,
      },
    },
    async (request) => {
      const { id, day } = request.params as { id: string; day: string };
      return reportDay(pool, principal(request), request, id, day, request.body as CapacityInput);
    },
  );
  app.get(
    '/facilities/:id/days',
    {
      config: { access: 'care.read' },
      schema: {
        tags,
        params: IdParams,
        querystring: Type.Object({ from: Type.Optional(DateString()), to: Type.Optional(DateString()) }),
      },
    },
    async (request) =>
      facilityDaysOf(
        pool,
        principal(request),
        (request.params as { id: string }).id,
        request.query as { from?: string; to?: string },
      ),
  );
  app.post(
    '/facilities/:id/admissions',
    { config: { access: 'care.write' }, schema: { tags, params: IdParams, body: AdmissionBody } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await admitToFacility(
            pool,
            principal(request),
            request,
            (request.params as { id: string }).id,
            request.body as Parameters<typeof admitToFacility>[4],
          ),
        ),
  );
  app.get(
    '/care/capacity',
    {
      config: { access: 'care.read' },
      schema: {
        tags,
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
          date: Type.Optional(DateString()),
          days: Type.Optional(Type.Integer({ minimum: 7, maximum: 90 })),
        }),
      },
    },
    async (request) =>
      capacityBoard(
        pool,
        principal(request),
        request.query as { unit?: string; date?: string; days?: number },
      ),
  );
};
