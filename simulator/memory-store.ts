/**
 * The in-memory store provider, on its own so that what runs on it (the population workers)
 * does not load the DynamoDB adapters and the AWS SDK with it (stores.ts re-exports it).
 */
import { memoryRepositories } from '../shared/adapters/memory/memory-repositories.ts';
import type { StoreProvider } from './stores.ts';

export function memoryStore(): StoreProvider {
  return {
    kind: 'memory',
    open: async () => ({
      ...memoryRepositories(),
      close: async () => {},
    }),
    shutdown: async () => {},
  };
}
