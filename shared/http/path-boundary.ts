/**
 * docs/api.md "Office routes in the cloud": before routing, a path with a dot segment (`.` or `..`,
 * plain or percent-encoded) or with percent-encoded characters outside a document-id segment is
 * refused (400 `invalid_path`). Hono decodes paths and URL parsing resolves dot segments, so
 * `/api/v1/%61gent/…` or `/api/v1/x/%2e%2e/agent/…` would otherwise reach office routes under a
 * path that API Gateway authorised as something else.
 */
import type { MiddlewareHandler } from 'hono';
import { ValidationError } from '../errors.ts';
import { rawPaths } from './gateway.ts';

/**
 * The routes with a document id, whose id segment alone may be percent-encoded (an office's id
 * may hold characters a URL must encode). Every other part of these patterns excludes `%`.
 */
const DOCUMENT_ID_PATHS: readonly RegExp[] = [
  /^\/api\/v1\/agent\/applicants\/[^/%]+\/documents\/[^/]+(?:\/evidence)?$/,
  /^\/api\/v1\/documents\/[^/]+(?:\/content|\/legal-aid)?$/,
  /^\/documents\/[^/]+(?:\/pdf|\/legal-aid)?$/,
];

export type PathProblem = 'dot_segment' | 'encoded_path';

/** What is wrong with a raw (undecoded) path, or null. */
export function pathProblem(rawPath: string): PathProblem | null {
  for (const segment of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'encoded_path';
    }
    if (decoded === '.' || decoded === '..') return 'dot_segment';
  }
  if (!rawPath.includes('%')) return null;
  return DOCUMENT_ID_PATHS.some((pattern) => pattern.test(rawPath)) ? null : 'encoded_path';
}

const MESSAGES: Readonly<Record<PathProblem, string>> = {
  dot_segment: 'The path must not contain "." or ".." segments.',
  encoded_path: 'The path must not contain percent-encoded characters outside a document id.',
};

/** The first middleware: refuses every raw form of the path that has a problem. */
export function pathBoundary(): MiddlewareHandler {
  return async (c, next) => {
    for (const path of rawPaths(c)) {
      const problem = pathProblem(path);
      if (problem !== null) throw new ValidationError({ path: MESSAGES[problem] }, 'invalid_path', MESSAGES[problem]);
    }
    await next();
  };
}
