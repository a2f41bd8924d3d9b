/**
 * The in-memory store provider, on its own so that what runs on it (the population workers)
 * does not load the DynamoDB adapters and the AWS SDK with it (stores.ts re-exports it).
 */
import { InMemoryApplicantRepository } from '../shared/adapters/memory/memory-applicant-repository.ts';
import { InMemoryGrantRepository, InMemoryHelperRepository } from '../shared/adapters/memory/memory-helper-repository.ts';
import { InMemoryLetterRepository } from '../shared/adapters/memory/memory-letter-repository.ts';
import { InMemorySessionRepository } from '../shared/adapters/memory/memory-session-repository.ts';
import type { StoreProvider } from './stores.ts';

export function memoryStore(): StoreProvider {
  return {
    kind: 'memory',
    open: async () => ({
      applicants: new InMemoryApplicantRepository(),
      sessions: new InMemorySessionRepository(),
      letters: new InMemoryLetterRepository(),
      helpers: new InMemoryHelperRepository(),
      helperSessions: new InMemorySessionRepository(),
      grants: new InMemoryGrantRepository(),
      close: async () => {},
    }),
    shutdown: async () => {},
  };
}
