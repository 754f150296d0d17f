import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DateString } from '../http/time.ts';
import {
  activeCasesPanel,
  carePanel,
  clustersPanel,
  freshness,
  newCasesPanel,
  type PanelQuery,
  quarantinePanel,
  testsPanel,
  vaccinationBacklogPanel,
  vaccinationCoveragePanel,
  vaccinationLaggingPanel,
  workOfDay,
} from './service.ts';

/** Every panel: the day it shows (default today in Vietnam) and a unit inside the jurisdiction. */
const Query = Type.Object({
  date: Type.Optional(DateString()),
  unit: Type.Optional(Type.String({ maxLength: 10 })),
});

/**
 * The start pages' figures. Each situation panel (a figure, its change and the list behind it) is
 * one route the later dashboard reuses; the commune's work of a day is one route of short lists.
 */
export const situationRoutes: Capability = async (app, { pool }) => {
  const panels = {
    '/situation/latest': freshness,
    '/situation/new-cases': newCasesPanel,
    '/situation/active-cases': activeCasesPanel,
    '/situation/quarantine': quarantinePanel,
    '/situation/clusters': clustersPanel,
    '/situation/tests': testsPanel,
    '/work/today': workOfDay,
  };
  for (const [url, panel] of Object.entries(panels)) {
    app.get(
      url,
      { config: { access: 'case.read' }, schema: { tags: ['situation'], querystring: Query } },
      async (request) => panel(pool, principal(request), request.query as PanelQuery),
    );
  }
  // Isolation and home care (issue 10 §6): places of care, alerts, unreachable people, beds, requests.
  app.get(
    '/situation/care',
    { config: { access: 'care.read' }, schema: { tags: ['situation'], querystring: Query } },
    async (request) => carePanel(pool, principal(request), request.query as PanelQuery),
  );
  // The vaccination panels (issue 9 §8): coverage, the lagging child units, the backlog.
  const vaccination = {
    '/situation/vaccination-coverage': vaccinationCoveragePanel,
    '/situation/vaccination-lagging': vaccinationLaggingPanel,
    '/situation/vaccination-backlog': vaccinationBacklogPanel,
  };
  for (const [url, panel] of Object.entries(vaccination)) {
    app.get(
      url,
      { config: { access: 'vaccination.read' }, schema: { tags: ['situation'], querystring: Query } },
      async (request) => panel(pool, principal(request), request.query as PanelQuery),
    );
  }
};
