/**
 * What `createApp` shares with every route: the use cases' dependencies and the options that
 * shape the HTTP behaviour, plus the variables a request carries once authenticated.
 */
import type { Deps } from '../ports.ts';

/** How the office routes are authorised (docs/api.md "Office side"). */
export type AgentAuth =
  /** Locally: `Authorization: Bearer <token>`, compared in constant time. */
  | { readonly kind: 'bearer'; readonly token: string }
  /** In the cloud: API Gateway has already checked the IAM signature; the app trusts it. */
  | { readonly kind: 'iam' };

/** A message the local outbox kept (SMS or e-mail); the local outbox names its instant `sentAt`. */
export interface OutboxMessage {
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
  /** Local runs only: when given, `GET /dev/outbox` lists what was "sent". */
  readonly outbox?: { messages(): ReadonlyArray<OutboxMessage> };
}

export interface AppEnv {
  Variables: {
    /** Set by the session middleware: whose request this is. */
    agdref: string;
    /** The raw session token from the cookie (to revoke it). */
    sessionToken: string;
  };
}
