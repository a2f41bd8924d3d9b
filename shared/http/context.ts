/**
 * What `createApp` shares with every route: the use cases' dependencies and the options that
 * shape the HTTP behaviour, plus the variables a request carries once authenticated.
 */
import type { Hono } from 'hono';
import type { Deps, UploadStore } from '../ports.ts';
import type { RateLimitOptions } from './rate-limit.ts';

/** How the office routes are authorised (docs/api.md "Office side"). */
export type AgentAuth =
  /** Locally: `Authorization: Bearer <token>`, compared in constant time. */
  | { readonly kind: 'bearer'; readonly token: string }
  /**
   * In the cloud: API Gateway checks the IAM signature, and the app refuses (403) a request whose
   * Lambda event names no IAM caller.
   */
  | { readonly kind: 'iam' };

/** Where unexpected errors are reported (the Lambdas pass Powertools' Logger). */
export interface ErrorLog {
  error(message: string, details: Record<string, unknown>): void;
}

/** A message the local outbox kept (SMS or e-mail); the local outbox names its instant `sentAt`. */
export interface OutboxMessage {
  /** The alert's deterministic id (`<letter>.<kind>.<day>.<channel>`), or `reset.…` for a reset code. */
  readonly id?: string;
  readonly language?: string;
  readonly at?: string;
  readonly sentAt?: string;
  readonly channel: string;
  readonly to: string;
  readonly subject?: string;
  readonly text: string;
}

export interface AppOptions {
  readonly deps: Deps;
  readonly agentAuth: AgentAuth;
  /** e.g. `https://mailbox.example.org`; when absent, the scheme and `Host` of each request. */
  readonly publicOrigin?: string;
  /** `Secure` on cookies; default true, false only for local http testing. */
  readonly secureCookies?: boolean;
  /** Local runs only (the WAF does it in the cloud): a per-client limit on the credential endpoints. */
  readonly credentialRateLimit?: RateLimitOptions;
  /** Default: console.error. */
  readonly log?: ErrorLog;
  /** The two-step upload's store (office routes); without one `POST /api/v1/agent/uploads` is 404. */
  readonly uploads?: UploadStore;
  /** Local runs only: where the office's two-step uploads are PUT (`PUT /dev/uploads/{uploadId}`). */
  readonly localUploads?: LocalUploadReceiver;
  /** Local runs only: extra routes (`/dev/outbox`, see dev-outbox.tsx), kept out of the Lambda bundles. */
  readonly localRoutes?: (app: Hono<AppEnv>) => void;
}

/** The local server's side of the two-step upload: takes the bytes PUT to an upload URL. */
export interface LocalUploadReceiver {
  /** @throws ValidationError (wrong length or SHA-256, unknown or expired upload). */
  receive(uploadId: string, content: Uint8Array): Promise<void>;
}

export interface AppEnv {
  Variables: {
    /** Set by the session middleware: whose request this is. */
    agdref: string;
    /** The raw session token from the cookie (to revoke it). */
    sessionToken: string;
    /** Set by the helper session middleware (docs/api.md "Helpers"). */
    helperId: string;
  };
}
