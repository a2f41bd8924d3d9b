/** Every repository of the single table (docs/table-design.md), on one client and table: what each runtime wires. */
import type { Deps } from '../../ports.ts';
import { DynamoDbApplicantRepository } from './dynamodb-applicant-repository.ts';
import { DynamoDbGrantRepository, DynamoDbHelperRepository } from './dynamodb-helper-repository.ts';
import type { TableOptions } from './dynamodb-items.ts';
import { DynamoDbLetterRepository } from './dynamodb-letter-repository.ts';
import { DynamoDbSessionRepository } from './dynamodb-session-repository.ts';

export type TableRepositories = Pick<Deps, 'applicants' | 'sessions' | 'letters' | 'helpers' | 'helperSessions' | 'grants'>;

export function dynamoDbRepositories(table: TableOptions): TableRepositories {
  return {
    applicants: new DynamoDbApplicantRepository(table),
    sessions: new DynamoDbSessionRepository(table),
    letters: new DynamoDbLetterRepository(table),
    helpers: new DynamoDbHelperRepository(table),
    helperSessions: new DynamoDbSessionRepository({ ...table, kind: 'helper' }),
    grants: new DynamoDbGrantRepository(table),
  };
}
