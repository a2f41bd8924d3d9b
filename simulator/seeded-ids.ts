/**
 * The `Ids` port with seeded randomness: a replay issues the same connection keys, tokens and
 * blob keys every time, so two runs of one file give byte-identical results. Only the simulator
 * uses it — real secrets come from the system's CSPRNG (adapters/secrets).
 */
import { CONNECTION_KEY_ALPHABET, CONNECTION_KEY_LENGTH, formatConnectionKey } from '../shared/domain/identity.ts';
import type { Ids } from '../shared/ports.ts';
import { rng, type Random } from './random.ts';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class SeededIds implements Ids {
  private readonly random: Random;
  private sequence = 0;

  constructor(seed: string) {
    this.random = rng(seed, 'ids');
  }

  private draw(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet.charAt(Math.floor(this.random.next() * alphabet.length));
    return out;
  }

  /** 43 characters of base64url: 258 bits. */
  sessionToken(): string {
    return this.draw(URL_SAFE, 43);
  }

  connectionKey(): string {
    return formatConnectionKey(this.draw(CONNECTION_KEY_ALPHABET, CONNECTION_KEY_LENGTH));
  }

  resetCode(): string {
    return this.draw('0123456789', 6);
  }

  uniqueId(): string {
    this.sequence += 1;
    return `sim-${this.sequence.toString(36)}-${this.draw('0123456789abcdef', 8)}`;
  }
}
