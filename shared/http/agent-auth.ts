/**
 * Office routes (`/api/v1/agent/*`). Locally a bearer token from the options, compared in
 * constant time; in the cloud API Gateway authorises the IAM-signed request and the app checks
 * for itself that the Lambda event's request context names the IAM caller it authenticated
 * (docs/api.md "Office routes in the cloud"): a request that reached an office route without one
 * (a gateway route left open, a path the gateway saw differently) is 403. An applicant's session
 * never reaches them: a session cookie without a valid token is 403, no token at all is 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { AgentAuth } from './context.ts';
import { iamCaller } from './gateway.ts';
import { helperSessionToken, sessionToken } from './session.ts';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function agentAuthorization(auth: AgentAuth): MiddlewareHandler {
  return async (c, next) => {
    if (auth.kind === 'bearer') {
      const match = BEARER.exec(c.req.header('authorization') ?? '');
      const token = match?.[1];
      const authorised = token !== undefined && sameSecret(token, auth.token);
      if (!authorised) {
        if (sessionToken(c) !== undefined || helperSessionToken(c) !== undefined) {
          throw new ForbiddenError('forbidden', 'An applicant or helper session cannot use office routes.');
        }
        throw new UnauthenticatedError();
      }
    } else {
      if ((sessionToken(c) !== undefined || helperSessionToken(c) !== undefined) && c.req.header('authorization') === undefined) {
        // A browser session cookie here is never the office.
        throw new ForbiddenError('forbidden', 'An applicant or helper session cannot use office routes.');
      }
      if (iamCaller(c) === null) throw new ForbiddenError('forbidden', 'Office routes need a request signed by an IAM principal of the office.');
    }
    await next();
  };
}
