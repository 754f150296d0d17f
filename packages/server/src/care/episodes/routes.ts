import {
  DISCHARGE_REASONS,
  EPISODE_PLACES,
  EPISODE_REASONS,
  TEXT_LIMITS,
  VACCINATION_STATUS,
} from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { PageQuery } from '../../http/pagination.ts';
import { DateString } from '../../http/time.ts';
import { EligibilityBody } from '../monitoring/eligibility.ts';
import {
  type CommitmentInput,
  type DischargeInput,
  dischargeEpisode,
  type EnrolInput,
  type EpisodeQuery,
  enrolAtHome,
  episodeDetail,
  listEpisodes,
  type MoveInput,
  moveEpisodeRoute,
  recordCommitment,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Override = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.note }) },
  { additionalProperties: false },
);

const EnrolBody = Type.Object(
  {
    personId: Type.String({ format: 'uuid' }),
    reason: Type.Enum(EPISODE_REASONS),
    startOn: Type.Optional(DateString()),
    plannedEndOn: Type.Optional(DateString()),
    vaccination: Type.Optional(Type.Enum(VACCINATION_STATUS)),
    commitment: Type.Object(
      {
        signer: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.personName }),
        signedOn: DateString(),
      },
      { additionalProperties: false },
    ),
    supervisingTeam: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.name })),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
    /** The home care eligibility facts (the person's own birth date is used): checked and kept with the episode. */
    eligibility: Type.Optional(EligibilityBody),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  status: Type.Optional(Type.Enum(['active', 'ended'] as const)),
  place: Type.Optional(Type.Enum(EPISODE_PLACES)),
  reason: Type.Optional(Type.Enum(EPISODE_REASONS)),
  facility: Type.Optional(Type.String({ format: 'uuid' })),
  person: Type.Optional(Type.String({ format: 'uuid' })),
  ...PageQuery,
});

const DischargeBody = Type.Object(
  {
    on: Type.Optional(DateString()),
    reason: Type.Enum(DISCHARGE_REASONS),
    criterion: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  },
  { additionalProperties: false },
);

const MoveBody = Type.Object(
  {
    to: Type.Enum(EPISODE_PLACES),
    facilityId: Type.Optional(Type.String({ format: 'uuid' })),
    override: Type.Optional(Override),
    alertId: Type.Optional(Type.String({ format: 'uuid' })),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  },
  { additionalProperties: false },
);

const CommitmentBody = Type.Object(
  {
    signer: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.personName }),
    signedOn: DateString(),
    supervisingTeam: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.name })),
  },
  { additionalProperties: false },
);

/** Isolation and quarantine episodes: enrolment at home, lists, the episode page, discharge and moves. */
export const episodeRoutes: Capability = async (app, { pool }) => {
  const tags = ['care'];
  app.post(
    '/care/episodes',
    { config: { access: 'care.write' }, schema: { tags, body: EnrolBody } },
    async (request, reply) =>
      reply.code(201).send(await enrolAtHome(pool, principal(request), request, request.body as EnrolInput)),
  );
  app.get(
    '/care/episodes',
    { config: { access: 'care.read' }, schema: { tags, querystring: ListQuery } },
    async (request) => listEpisodes(pool, principal(request), request, request.query as EpisodeQuery),
  );
  app.get(
    '/care/episodes/:id',
    { config: { access: 'care.read' }, schema: { tags, params: IdParams } },
    async (request) =>
      episodeDetail(pool, principal(request), request, (request.params as { id: string }).id),
  );
  app.post(
    '/care/episodes/:id/discharge',
    { config: { access: 'care.write' }, schema: { tags, params: IdParams, body: DischargeBody } },
    async (request) =>
      dischargeEpisode(
        pool,
        principal(request),
        request,
        (request.params as { id: string }).id,
        request.body as DischargeInput,
      ),
  );
  app.post(
    '/care/episodes/:id/move',
    { config: { access: 'care.write' }, schema: { tags, params: IdParams, body: MoveBody } },
    async (request) =>
      moveEpisodeRoute(
        pool,
        principal(request),
        request,
        (request.params as { id: string }).id,
        request.body as MoveInput,
      ),
  );
  app.post(
    '/care/episodes/:id/commitment',
    { config: { access: 'care.write' }, schema: { tags, params: IdParams, body: CommitmentBody } },
    async (request) =>
      recordCommitment(
        pool,
        principal(request),
        request,
        (request.params as { id: string }).id,
        request.body as CommitmentInput,
      ),
  );
};
