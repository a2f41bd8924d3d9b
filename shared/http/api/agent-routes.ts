/**
 * docs/api.md "Office side" (`/api/v1/agent/*`): register an applicant, reissue a connection key,
 * prepare a two-step upload, deposit a letter (idempotent by the office's document id; its PDF
 * inline in base64 or by `uploadId`) and export a letter's evidence.
 */
import type { Hono } from 'hono';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Deps, UploadStore } from '../../ports.ts';
import { depositDocument } from '../../use-cases/deposit-document.ts';
import { checkpointEvidence } from '../../use-cases/checkpoint-evidence.ts';
import { exportEvidence } from '../../use-cases/export-evidence.ts';
import { registerApplicant } from '../../use-cases/register-applicant.ts';
import { reissueConnectionKey } from '../../use-cases/reissue-connection-key.ts';
import { MAX_UPLOAD_BYTES, prepareUpload, uploadedContent } from '../../use-cases/uploads.ts';
import { guardAgentRoutes } from './agent-guard.ts';
import type { AgentAuth, AppEnv } from '../context.ts';
import {
  AgdrefParam,
  ApiError,
  CheckpointWritten,
  ConnectionKeyIssued,
  DepositBody,
  DepositParams,
  Document,
  Evidence,
  Registered,
  RegisterBody,
  UploadBody,
  UploadCreated,
} from '../schemas.ts';
import { PayloadTooLargeError } from '../http-errors.ts';
import { localized } from './applicant-routes.ts';
import { apiRoute, mountRoutes } from './route-table.ts';
import type { ApiRoute, ResponseSpec } from './route-table.ts';

const failure = (description: string): ResponseSpec => ({ description, json: ApiError });
const unauthorised = {
  401: failure('`unauthenticated`: no office credentials'),
  403: failure('`forbidden`: an applicant session'),
};

/** The upload store, or 404 where the app was built without one. */
function uploadsOf(uploads: UploadStore | undefined): UploadStore {
  if (uploads === undefined) throw new NotFoundError('upload service');
  return uploads;
}

/** The office side of the route table (`/api/v1/agent/*`, authorised by middleware). */
export function agentRoutes(deps: Deps, uploads?: UploadStore): ApiRoute[] {
  return [
    apiRoute({
      method: 'post',
      path: '/api/v1/agent/applicants',
      tag: 'office',
      security: 'officeBearer',
      summary: 'Create an applicant’s space; the connection key is returned in clear this once only',
      body: RegisterBody,
      responses: {
        201: { description: 'Registered', json: Registered },
        400: failure('A malformed body'),
        409: failure('`already_exists`'),
        ...unauthorised,
      },
      handle: async (c, { body }) => {
        const registered = await registerApplicant(deps, body);
        return c.json({ agdref: registered.agdref, connectionKey: registered.connectionKey }, 201);
      },
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/agent/applicants/{agdref}/connection-key',
      tag: 'office',
      security: 'officeBearer',
      summary: 'Issue a new connection key; the old one stops working',
      params: AgdrefParam,
      responses: {
        200: { description: 'The new key, in clear this once only', json: ConnectionKeyIssued },
        404: failure('`not_found`'),
        ...unauthorised,
      },
      handle: async (c, { params }) => c.json(await reissueConnectionKey(deps, { agdref: params.agdref }), 200),
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/agent/uploads',
      tag: 'office',
      security: 'officeBearer',
      summary: 'Prepare a two-step upload: PUT the PDF to the URL returned (15 minutes), then deposit it by uploadId',
      body: UploadBody,
      responses: {
        201: { description: 'Where to PUT the PDF, with the headers the PUT must carry', json: UploadCreated },
        400: failure('A malformed body'),
        413: failure('`payload_too_large` (over 10 MiB)'),
        ...unauthorised,
      },
      handle: async (c, { body }) => {
        if (body.contentLength < 1) throw new ValidationError({ contentLength: 'At least one byte.' });
        if (body.contentLength > MAX_UPLOAD_BYTES) throw new PayloadTooLargeError(MAX_UPLOAD_BYTES);
        const prepared = await prepareUpload({ ...deps, uploads: uploadsOf(uploads) }, body);
        return c.json(
          { uploadId: prepared.uploadId, url: prepared.url, method: prepared.method, headers: prepared.headers, expiresAt: prepared.expiresAt },
          201,
        );
      },
    }),

    apiRoute({
      method: 'put',
      path: '/api/v1/agent/applicants/{agdref}/documents/{documentId}',
      tag: 'office',
      security: 'officeBearer',
      summary: 'Deposit a letter (R1); repeating it with the same content changes nothing and alerts no one again',
      params: DepositParams,
      body: DepositBody,
      responses: {
        201: { description: 'Deposited', json: Document },
        200: { description: 'Already deposited with this content', json: Document },
        400: failure('Not a PDF, a bad type, a decision without outcome, `unknown_upload`, `upload_mismatch`'),
        404: failure('`not_found`: no such applicant'),
        409: failure('`conflicting_redeposit`'),
        413: failure('`payload_too_large` (over 10 MiB)'),
        ...unauthorised,
      },
      handle: async (c, { params, body }) => {
        const result = await depositDocument(deps, {
          agdref: params.agdref,
          documentId: params.documentId,
          type: body.type,
          ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
          ...(body.title === undefined ? {} : { title: body.title }),
          content:
            body.uploadId === undefined
              ? new Uint8Array(Buffer.from(body.contentBase64 ?? '', 'base64'))
              : await uploadedContent({ uploads: uploadsOf(uploads) }, body.uploadId),
        });
        return result.created ? c.json(localized(result.document), 201) : c.json(localized(result.document), 200);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/agent/applicants/{agdref}/documents/{documentId}/evidence',
      tag: 'office',
      security: 'officeBearer',
      summary: 'The letter’s hash-chained evidence (R12), signed, with its latest checkpoint proof: for a court (docs/evidence.md)',
      params: DepositParams,
      responses: {
        200: { description: 'The evidence', json: Evidence },
        404: failure('`not_found`'),
        ...unauthorised,
      },
      handle: async (c, { params }) => {
        // The document is signed as served: localized before signing.
        const evidence = await exportEvidence(deps, { agdref: params.agdref, documentId: params.documentId, present: localized });
        return c.json({ ...evidence, events: [...evidence.events] }, 200);
      },
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/agent/evidence/checkpoints',
      tag: 'office',
      security: 'officeBearer',
      summary: 'Commit every letter’s chain head to a signed checkpoint now (R12; the sweep does it daily)',
      responses: {
        201: { description: 'The checkpoint written to the write-once store', json: CheckpointWritten },
        ...unauthorised,
      },
      handle: async (c) => {
        const written = await checkpointEvidence(deps);
        return c.json({ checkpoint: written.checkpoint, signature: written.signature }, 201);
      },
    }),
  ];
}

/** Office authorisation, then the office routes; returns them for the document. */
export function registerAgentRoutes(app: Hono<AppEnv>, deps: Deps, auth: AgentAuth, uploads?: UploadStore): readonly ApiRoute[] {
  guardAgentRoutes(app, auth);
  const routes = agentRoutes(deps, uploads);
  mountRoutes(app, routes);
  return routes;
}
