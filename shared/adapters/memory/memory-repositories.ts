/** The in-memory twins of every table repository (dynamodb-repositories.ts). */
import { InMemoryApplicantRepository } from './memory-applicant-repository.ts';
import { InMemoryGrantRepository, InMemoryHelperRepository } from './memory-helper-repository.ts';
import { InMemoryLetterRepository } from './memory-letter-repository.ts';
import { InMemorySessionRepository } from './memory-session-repository.ts';

export function memoryRepositories() {
  return {
    applicants: new InMemoryApplicantRepository(),
    sessions: new InMemorySessionRepository(),
    letters: new InMemoryLetterRepository(),
    helpers: new InMemoryHelperRepository(),
    helperSessions: new InMemorySessionRepository(),
    grants: new InMemoryGrantRepository(),
  };
}
