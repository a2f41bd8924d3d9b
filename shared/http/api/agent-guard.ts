/** Office authorisation (agent-auth.ts) on `/api/v1/agent` and everything below it, in every build of the app. */
import type { Hono } from 'hono';
import { agentAuthorization } from '../agent-auth.ts';
import type { AgentAuth, AppEnv } from '../context.ts';

export function guardAgentRoutes(app: Hono<AppEnv>, auth: AgentAuth): void {
  app.use('/api/v1/agent', agentAuthorization(auth));
  app.use('/api/v1/agent/*', agentAuthorization(auth));
}
