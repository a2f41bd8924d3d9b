/**
 * API.md "Office side" (`/api/v1/agent/*`): register an applicant, reissue a connection key,
 * deposit a letter (idempotent by the office's document id) and export a letter's evidence.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../../ports.ts';
import { depositDocument } from '../../use-cases/deposit-document.ts';
import { exportEvidence } from '../../use-cases/export-evidence.ts';
import { registerApplicant } from '../../use-cases/register-applicant.ts';
import { reissueConnectionKey } from '../../use-cases/reissue-connection-key.ts';
import { agentAuthorization } from '../agent-auth.ts';
import type { AgentAuth, AppEnv } from '../context.ts';
import {
  AgdrefParam,
  ApiError,
  ConnectionKeyIssued,
  DepositBody,
  DepositParams,
  Document,
  Evidence,
  Registered,
  RegisterBody,
} from '../schemas.ts';
import { localized } from './applicant-routes.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const failure = (description: string) => ({ description, ...json(ApiError) });
const officeAuth = [{ officeBearer: [] }];
const unauthorised = {
  401: failure('`unauthenticated`: no office credentials'),
  403: failure('`forbidden`: an applicant session'),
};

export function registerAgentRoutes(app: OpenAPIHono<AppEnv>, deps: Deps, auth: AgentAuth): void {
  app.use('/api/v1/agent/*', agentAuthorization(auth));
  app.openAPIRegistry.registerComponent('securitySchemes', 'officeBearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'Locally `Authorization: Bearer <AGENT_TOKEN>`; in the cloud, IAM-signed requests (SigV4).',
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/agent/applicants',
      tags: ['office'],
      security: officeAuth,
      summary: 'Create an applicant’s space; the connection key is returned in clear this once only',
      request: { body: { required: true, ...json(RegisterBody) } },
      responses: {
        201: { description: 'Registered', ...json(Registered) },
        400: failure('A malformed body'),
        409: failure('`already_exists`'),
        ...unauthorised,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const registered = await registerApplicant(deps, body);
      return c.json({ agdref: registered.agdref, connectionKey: registered.connectionKey }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/agent/applicants/{agdref}/connection-key',
      tags: ['office'],
      security: officeAuth,
      summary: 'Issue a new connection key; the old one stops working',
      request: { params: AgdrefParam },
      responses: {
        200: { description: 'The new key, in clear this once only', ...json(ConnectionKeyIssued) },
        404: failure('`not_found`'),
        ...unauthorised,
      },
    }),
    async (c) => c.json(await reissueConnectionKey(deps, { agdref: c.req.valid('param').agdref }), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/agent/applicants/{agdref}/documents/{documentId}',
      tags: ['office'],
      security: officeAuth,
      summary: 'Deposit a letter (R1); repeating it with the same content changes nothing and alerts no one again',
      request: { params: DepositParams, body: { required: true, ...json(DepositBody) } },
      responses: {
        201: { description: 'Deposited', ...json(Document) },
        200: { description: 'Already deposited with this content', ...json(Document) },
        400: failure('Not a PDF, a bad type, a decision without outcome'),
        404: failure('`not_found`: no such applicant'),
        409: failure('`conflicting_redeposit`'),
        413: failure('`payload_too_large` (over 10 MiB)'),
        ...unauthorised,
      },
    }),
    async (c) => {
      const { agdref, documentId } = c.req.valid('param');
      const body = c.req.valid('json');
      const result = await depositDocument(deps, {
        agdref,
        documentId,
        type: body.type,
        ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
        ...(body.title === undefined ? {} : { title: body.title }),
        content: new Uint8Array(Buffer.from(body.contentBase64, 'base64')),
      });
      return result.created ? c.json(localized(result.document), 201) : c.json(localized(result.document), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/agent/applicants/{agdref}/documents/{documentId}/evidence',
      tags: ['office'],
      security: officeAuth,
      summary: 'The letter’s hash-chained evidence (R12), for a court',
      request: { params: DepositParams },
      responses: {
        200: { description: 'The evidence', ...json(Evidence) },
        404: failure('`not_found`'),
        ...unauthorised,
      },
    }),
    async (c) => {
      const { agdref, documentId } = c.req.valid('param');
      const evidence = await exportEvidence(deps, { agdref, documentId });
      return c.json({ document: localized(evidence.document), events: [...evidence.events], chainValid: evidence.chainValid }, 200);
    },
  );
}
