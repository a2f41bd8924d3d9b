/**
 * BlobStore in memory: the fast twin of S3BlobStore and FileBlobStore. Serves bytes itself, so
 * `temporaryUrl` is null.
 */
import type { BlobStore } from '../../ports.ts';
import { assertPdf } from '../../pdf-content.ts';
import { assertTemporaryUrlLifetime } from '../store-rules.ts';

export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(key: string, content: Uint8Array): Promise<void> {
    assertPdf(content);
    this.blobs.set(key, content.slice());
  }

  async get(key: string): Promise<Uint8Array | null> {
    return this.blobs.get(key)?.slice() ?? null;
  }

  async temporaryUrl(_key: string, seconds: number): Promise<string | null> {
    assertTemporaryUrlLifetime(seconds);
    return null;
  }
}
