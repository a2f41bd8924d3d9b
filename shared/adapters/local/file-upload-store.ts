/**
 * The two-step upload locally (`npm start`): the upload URL is the local server's own
 * `PUT /dev/uploads/{uploadId}`, which keeps the declared length, SHA-256 and expiry of each
 * upload in a folder of the data directory and accepts only bytes that match them before the
 * expiry, as the presigned S3 PUT does in the cloud (shared/adapters/aws/s3-upload-store.ts).
 */
import { hash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Clock, DeclaredUpload, UploadStore, UploadTicket } from '../../ports.ts';
import { ValidationError } from '../../errors.ts';

/** Upload ids are the UUIDs the use case draws: nothing else names a file here. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function refused(reason: string): ValidationError {
  return new ValidationError({ upload: reason }, 'invalid_upload', reason);
}

export class FileUploadStore implements UploadStore {
  readonly #root: string;
  readonly #baseUrl: string;
  readonly #clock: Clock;

  constructor(options: { readonly root: string; readonly baseUrl: string; readonly clock: Clock }) {
    this.#root = resolve(options.root);
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#clock = options.clock;
  }

  async prepare(upload: DeclaredUpload): Promise<UploadTicket> {
    this.#assertId(upload.uploadId);
    await mkdir(this.#root, { recursive: true });
    await writeFile(this.#file(upload.uploadId, 'json'), JSON.stringify(upload));
    return { url: `${this.#baseUrl}/dev/uploads/${upload.uploadId}`, method: 'PUT', headers: { 'content-type': 'application/pdf' } };
  }

  /** The local server's upload URL: keeps `content` if it is exactly what was declared, in time. */
  async receive(uploadId: string, content: Uint8Array): Promise<void> {
    const declared = await this.#declared(uploadId);
    if (declared === null) throw refused('No upload was prepared under this id.');
    if (Date.parse(this.#clock.now()) >= Date.parse(declared.expiresAt)) throw refused('This upload URL has expired.');
    if (content.byteLength !== declared.contentLength) throw refused(`Expected ${declared.contentLength} bytes, got ${content.byteLength}.`);
    if (hash('sha256', content, 'hex') !== declared.contentSha256) throw refused('The content does not have the declared SHA-256.');
    await writeFile(this.#file(uploadId, 'pdf'), content);
  }

  async read(uploadId: string): Promise<{ content: Uint8Array; declaredSha256: string; declaredLength: number } | null> {
    const declared = await this.#declared(uploadId);
    if (declared === null) return null;
    try {
      const content = new Uint8Array(await readFile(this.#file(uploadId, 'pdf')));
      return { content, declaredSha256: declared.contentSha256, declaredLength: declared.contentLength };
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  }

  async #declared(uploadId: string): Promise<DeclaredUpload | null> {
    if (!UPLOAD_ID.test(uploadId)) return null;
    try {
      return JSON.parse(await readFile(this.#file(uploadId, 'json'), 'utf8')) as DeclaredUpload;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  }

  #assertId(uploadId: string): void {
    if (!UPLOAD_ID.test(uploadId)) throw new RangeError(`Not an upload id: ${JSON.stringify(uploadId)}`);
  }

  #file(uploadId: string, extension: 'json' | 'pdf'): string {
    return join(this.#root, `${uploadId}.${extension}`);
  }
}
