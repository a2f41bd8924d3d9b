/** CheckpointStore in memory: the twin of the file and S3 Object Lock stores (append-only). */
import type { CheckpointStore, SignedCheckpoint } from '../../ports.ts';
import { frozenPart } from './frozen-records.ts';

export class InMemoryCheckpointStore implements CheckpointStore {
  readonly #written: SignedCheckpoint[] = [];

  async append(checkpoint: SignedCheckpoint): Promise<void> {
    this.#written.push(frozenPart(checkpoint));
  }

  async latest(): Promise<SignedCheckpoint | null> {
    return this.#written.at(-1) ?? null;
  }
}
