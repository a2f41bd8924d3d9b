/**
 * The applicant-facing Lambda: the pages and the applicant's JSON API (docs/api.md), everything but
 * the office routes (functions/office.ts), kept small so that it starts fast (bench/README.md).
 * The app refuses encoded or dot-segment paths (400) and, should an office path reach this
 * function, answers 403 without an IAM caller.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { handle } from 'hono/aws-lambda';
import { readCloudConfig } from '../shared/config.ts';
import { createApplicantApp } from '../shared/http/applicant-app.ts';
import { applicantDeps } from './applicant-deps.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const deps = applicantDeps(config);

export const handler = handle(
  createApplicantApp({ deps, agentAuth: { kind: 'iam' }, publicOrigin: new URL(config.publicUrl).origin, log: logger }),
);
