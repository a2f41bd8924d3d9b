/**
 * What the runtime tells the app about a request beyond the Fetch `Request`: the API Gateway
 * REST proxy event in Lambda (`hono/aws-lambda` passes it as `c.env.event`), or Node's incoming
 * message locally (`@hono/node-server` passes `c.env.incoming`). The one module that reads them.
 *
 * The Fetch `Request` has lost what the boundary checks need: its URL is parsed, so dot segments
 * (`/x/%2e%2e/agent`) are already resolved away. The raw forms are read here.
 */
import type { Context } from 'hono';

/** The parts of an API Gateway REST (v1) proxy event the app uses. */
export interface GatewayEvent {
  /** The resource path as the client sent it, without the stage (`/documents`). */
  readonly path?: string;
  /** HTTP API (v2) events carry the path here instead. */
  readonly rawPath?: string;
  readonly requestContext?: {
    /** With the stage through the execute-api URL (`/pilot/documents`), as the browser sees it. */
    readonly path?: string;
    readonly stage?: string;
    /** The host the request arrived at: the execute-api domain or the custom domain. */
    readonly domainName?: string;
    /** Filled by API Gateway only for an IAM-authorised (SigV4-signed) request. */
    readonly identity?: {
      readonly userArn?: string | null;
      readonly caller?: string | null;
      readonly accountId?: string | null;
    } | null;
  };
}

interface RuntimeBindings {
  readonly event?: GatewayEvent;
  readonly incoming?: { readonly url?: string };
}

function bindings(c: Context): RuntimeBindings {
  const env: unknown = c.env;
  return typeof env === 'object' && env !== null ? (env as RuntimeBindings) : {};
}

/** The API Gateway event behind this request, if it came through Lambda. */
export function gatewayEvent(c: Context): GatewayEvent | undefined {
  return bindings(c).event;
}

function pathOf(url: string): string {
  const query = url.search(/[?#]/);
  const withoutQuery = query === -1 ? url : url.slice(0, query);
  return withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
}

/**
 * Every raw form of the request's path that the runtime reports, stage prefix removed: the
 * event's `path` and `requestContext.path` in Lambda, the request line's target locally, and the
 * Fetch URL's path (which keeps percent-encodings but not dot segments).
 */
export function rawPaths(c: Context): string[] {
  const paths = [new URL(c.req.url).pathname];
  const { event, incoming } = bindings(c);
  if (incoming?.url !== undefined) paths.push(pathOf(incoming.url));
  if (event !== undefined) {
    if (event.path !== undefined) paths.push(event.path);
    if (event.rawPath !== undefined) paths.push(event.rawPath);
    const contextPath = event.requestContext?.path;
    if (contextPath !== undefined) {
      const stage = event.requestContext?.stage;
      const prefix = stage === undefined ? '' : `/${stage}`;
      paths.push(prefix !== '' && contextPath.startsWith(`${prefix}/`) ? contextPath.slice(prefix.length) : contextPath);
    }
  }
  return paths;
}

/**
 * The prefix the browser's URL has before the app's paths: `/pilot` through the execute-api URL
 * (`requestContext.path` is `/pilot/documents` for the event's `/documents`), empty through a
 * custom domain, locally and in tests. Only a prefix made of plain path segments is returned.
 */
export function stagePrefix(c: Context): string {
  const event = gatewayEvent(c);
  const contextPath = event?.requestContext?.path;
  const path = event?.path;
  if (contextPath === undefined || path === undefined || contextPath === path || !contextPath.endsWith(path)) return '';
  const prefix = contextPath.slice(0, contextPath.length - path.length);
  return /^(\/[A-Za-z0-9_-]+)+$/.test(prefix) ? prefix : '';
}

/** `https://<host>` of the gateway domain the request arrived at (execute-api or custom), if in Lambda. */
export function gatewayOrigin(c: Context): string | undefined {
  const domain = gatewayEvent(c)?.requestContext?.domainName;
  return domain === undefined || !/^[A-Za-z0-9.-]+$/.test(domain) ? undefined : `https://${domain.toLowerCase()}`;
}

/** The IAM caller API Gateway authenticated (its ARN), or null when the request was not signed. */
export function iamCaller(c: Context): string | null {
  const identity = gatewayEvent(c)?.requestContext?.identity;
  const caller = identity?.userArn ?? identity?.caller ?? null;
  return typeof caller === 'string' && caller.length > 0 ? caller : null;
}
