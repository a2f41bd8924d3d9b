/**
 * BlobStore on the local file system (`npm start`): one file per key, directly in a root folder,
 * named by the percent-encoded key (`letters/1/a.pdf` → `letters%2F1%2Fa.pdf`), so no key can
 * reach outside the root nor collide with another (`a` and `a/b` both work, as on S3). A key
 * with a path-traversal segment (`..`, `.` or an empty one) is refused outright all the same.
 * Serves bytes itself, so `temporaryUrl` is null.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BlobStore } from '../../ports.ts';
import { assertPdf } from '../../pdf-content.ts';
import { assertTemporaryUrlLifetime } from '../store-rules.ts';

/** Segments that would name the folder itself or its parent once joined to a path. */
const UNSAFE_SEGMENTS = new Set(['', '.', '..']);

export class FileBlobStore implements BlobStore {
  private readonly root: string;

  constructor(options: { readonly root: string }) {
    this.root = resolve(options.root);
  }

  async put(key: string, content: Uint8Array): Promise<void> {
    assertPdf(content);
    const path = this.pathOf(key);
    await mkdir(this.root, { recursive: true });
    // Write then rename, so a reader never sees half a document.
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, content);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  }

  async temporaryUrl(_key: string, seconds: number): Promise<string | null> {
    assertTemporaryUrlLifetime(seconds);
    return null;
  }

  /** The file of a key; a RangeError for a key that is not a safe relative path. */
  pathOf(key: string): string {
    const segments = key.split('/');
    if (segments.some((segment) => UNSAFE_SEGMENTS.has(segment))) {
      throw new RangeError(`Unsafe blob key: ${JSON.stringify(key)}`);
    }
    const path = join(this.root, encodeURIComponent(key));
    // Belt and braces: whatever the encoding did, the file must sit directly in the root.
    if (dirname(path) !== this.root) throw new RangeError(`Unsafe blob key: ${JSON.stringify(key)}`);
    return path;
  }
}
