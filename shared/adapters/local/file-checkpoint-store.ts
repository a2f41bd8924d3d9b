/**
 * Signed checkpoints of `npm start` (R12): an append-only JSON-lines file in DATA_DIR — each
 * checkpoint one line, appended (never rewritten), the latest being the last line that parses.
 */
import { appendFile, readFile } from 'node:fs/promises';
import type { CheckpointStore, SignedCheckpoint } from '../../ports.ts';

export class FileCheckpointStore implements CheckpointStore {
  constructor(private readonly file: string) {}

  async append(checkpoint: SignedCheckpoint): Promise<void> {
    // O_APPEND: each line lands after the last, whoever else appends.
    await appendFile(this.file, `${JSON.stringify(checkpoint)}\n`, { encoding: 'utf8', mode: 0o600, flag: 'a' });
  }

  async latest(): Promise<SignedCheckpoint | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const line = lines[i]?.trim() ?? '';
      if (line === '') continue;
      try {
        return JSON.parse(line) as SignedCheckpoint;
      } catch {
        // A line cut short by a crash: the one before it is the latest complete checkpoint.
      }
    }
    return null;
  }
}
