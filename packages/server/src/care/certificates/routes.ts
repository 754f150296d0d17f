import { TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import {
  certificateFile,
  episodeCertificate,
  issueCertificate,
  revokeCertificate,
  verifyCertificate,
} from './service.ts';

/** Public checks of a certificate's QR per client address per minute. */
export const PUBLIC_VERIFY_LIMIT = 30;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * Recovery certificates (issue 10 §3): issued by the health station of the residence once the
 * release criterion is met, printed as PDF with a QR, checked by anyone on a public page that
 * shows only what the paper shows, revoked with a reason.
 */
export const certificateRoutes: Capability = async (app, { pool, config }) => {
  app.get(
    '/care/episodes/:id/certificate',
    { config: { access: 'care.read' }, schema: { tags: ['care'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      return episodeCertificate(pool, principal(request), request, id);
    },
  );

  app.post(
    '/care/episodes/:id/certificate',
    {
      config: { access: 'care.write' },
      schema: {
        tags: ['care'],
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            { signerName: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.personName })) },
            { additionalProperties: false },
          ),
        ),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = (request.body ?? {}) as { signerName?: string };
      return reply.code(201).send(await issueCertificate(pool, principal(request), request, id, body));
    },
  );

  app.get(
    '/care/certificates/:id.pdf',
    { config: { access: 'care.read' }, schema: { tags: ['care'], params: IdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { pdf, number } = await certificateFile(
        pool,
        principal(request),
        request,
        id,
        config.publicBaseUrl,
      );
      const name = `giay-xac-nhan-khoi-benh-${number.replace(/[^0-9A-Za-z]+/g, '-')}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(pdf);
    },
  );

  app.post(
    '/care/certificates/:id/revoke',
    {
      config: { access: 'care.write' },
      schema: {
        tags: ['care'],
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.note }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { reason } = request.body as { reason: string };
      return revokeCertificate(pool, principal(request), request, id, reason);
    },
  );

  app.get(
    '/public/certificates/:code',
    {
      config: { access: 'public', rateLimit: { max: PUBLIC_VERIFY_LIMIT, timeWindow: '1 minute' } },
      schema: { tags: ['care'], params: Type.Object({ code: Type.String({ maxLength: 80 }) }) },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      return verifyCertificate(pool, code);
    },
  );
};
