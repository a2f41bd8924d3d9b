import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store.ts';
import { FileBlobStore } from '../../shared/adapters/local/file-blob-store.ts';
import { InMemoryBlobStore } from '../../shared/adapters/memory/memory-blob-store.ts';
import { assertPdf, MAX_PDF_BYTES } from '../../shared/pdf-content.ts';
import { InvalidDocumentContentError, StoreThrottledError } from '../../shared/errors.ts';
import type { BlobStore } from '../../shared/ports.ts';

const encoder = new TextEncoder();
const aPdf = (text = 'letter'): Uint8Array => encoder.encode(`%PDF-1.7\n${text}\n%%EOF\n`);
/** A PDF of exactly `bytes` bytes. */
function aPdfOfSize(bytes: number): Uint8Array {
  const content = new Uint8Array(bytes);
  content.set(aPdf().subarray(0, 5));
  return content;
}

interface Subject {
  readonly store: BlobStore;
  /** What `temporaryUrl` gives for a stored key: null when the store serves the bytes itself. */
  readonly servesUrls: boolean;
  readonly dispose: () => Promise<void>;
}

/** The behaviour every BlobStore shares; run below on each adapter. */
function blobStoreContract(adapter: string, makeSubject: () => Promise<Subject>): void {
  describe(`BlobStore contract (${adapter})`, () => {
    let subject: Subject;
    let blobs: BlobStore;

    beforeEach(async () => {
      subject = await makeSubject();
      blobs = subject.store;
    });

    afterEach(async () => {
      await subject.dispose();
    });

    it('gives back the bytes that were put', async () => {
      await blobs.put('letters/0123456789/doc-1.pdf', aPdf('decision'));

      expect(await blobs.get('letters/0123456789/doc-1.pdf')).toEqual(aPdf('decision'));
    });

    it('returns null for a key never put', async () => {
      expect(await blobs.get('letters/0123456789/unknown.pdf')).toBeNull();
    });

    it('replaces the content when the same key is put again', async () => {
      await blobs.put('doc.pdf', aPdf('first'));
      await blobs.put('doc.pdf', aPdf('first'));
      await blobs.put('doc.pdf', aPdf('second'));

      expect(await blobs.get('doc.pdf')).toEqual(aPdf('second'));
    });

    it('keeps keys apart, including one that is a prefix of another', async () => {
      await blobs.put('a', aPdf('a'));
      await blobs.put('a/b', aPdf('a/b'));

      expect([await blobs.get('a'), await blobs.get('a/b')]).toEqual([aPdf('a'), aPdf('a/b')]);
    });

    it('keeps stored content out of reach of the caller', async () => {
      const content = aPdf('original');
      await blobs.put('doc.pdf', content);

      content.fill(0);
      (await blobs.get('doc.pdf'))?.fill(0);

      expect(await blobs.get('doc.pdf')).toEqual(aPdf('original'));
    });

    it('refuses content that is not a PDF and stores nothing', async () => {
      const putting = blobs.put('doc.pdf', encoder.encode('<html>not a pdf</html>'));

      await expect(putting).rejects.toBeInstanceOf(InvalidDocumentContentError);
      expect(await blobs.get('doc.pdf')).toBeNull();
    });

    it('refuses a PDF over 10 MiB and stores nothing', async () => {
      const putting = blobs.put('doc.pdf', aPdfOfSize(MAX_PDF_BYTES + 1));

      await expect(putting).rejects.toBeInstanceOf(InvalidDocumentContentError);
      expect(await blobs.get('doc.pdf')).toBeNull();
    });

    it('accepts a PDF of exactly 10 MiB', async () => {
      await blobs.put('doc.pdf', aPdfOfSize(MAX_PDF_BYTES));

      expect((await blobs.get('doc.pdf'))?.byteLength).toBe(MAX_PDF_BYTES);
    });

    it('gives a temporary URL only when it does not serve the bytes itself', async () => {
      await blobs.put('doc.pdf', aPdf());

      const url = await blobs.temporaryUrl('doc.pdf', 60);

      expect(url === null).toBe(!subject.servesUrls);
    });

    it('refuses a temporary URL that would live longer than 60 seconds, or not at all', async () => {
      await expect(blobs.temporaryUrl('doc.pdf', 61)).rejects.toBeInstanceOf(RangeError);
      await expect(blobs.temporaryUrl('doc.pdf', 0)).rejects.toBeInstanceOf(RangeError);
    });
  });
}

blobStoreContract('in memory', async () => ({
  store: new InMemoryBlobStore(),
  servesUrls: false,
  dispose: async () => undefined,
}));

blobStoreContract('file system', async () => {
  const root = await mkdtemp(join(tmpdir(), 'blobs-'));
  return {
    store: new FileBlobStore({ root }),
    servesUrls: false,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

/** An S3 client whose bucket is a Map, so S3BlobStore runs the whole contract without AWS. */
function s3WithMapBucket(): { client: S3Client; objects: Map<string, Uint8Array>; restore: () => void } {
  const client = new S3Client({ region: 'eu-west-3', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const objects = new Map<string, Uint8Array>();
  const s3 = mockClient(client);
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Uint8Array }) => {
    objects.set(input.Key, input.Body.slice());
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const object = objects.get(input.Key);
    if (object === undefined) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    const body = { transformToByteArray: async () => object.slice() };
    return { Body: body as unknown as GetObjectCommandOutput['Body'] };
  });
  return { client, objects, restore: () => s3.restore() };
}

blobStoreContract('S3, bucket faked behind aws-sdk-client-mock', async () => {
  const { client, restore } = s3WithMapBucket();
  return {
    store: new S3BlobStore({ client, bucket: 'letters-bucket', kmsKeyId: 'arn:aws:kms:eu-west-3:111122223333:key/k1' }),
    servesUrls: true,
    dispose: async () => restore(),
  };
});

describe('FileBlobStore keys', () => {
  let root: string;
  let blobs: FileBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blobs-'));
    blobs = new FileBlobStore({ root: join(root, 'store') });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(['../escape.pdf', 'letters/../../escape.pdf', '/etc/passwd', 'letters//doc.pdf', './doc.pdf', '..', ''])(
    'refuses the path-traversal key %j and writes nothing',
    async (key) => {
      await expect(blobs.put(key, aPdf())).rejects.toBeInstanceOf(RangeError);
      expect(await readdir(root)).toEqual([]);
    },
  );

  it('keeps a key with any other characters inside its root', async () => {
    await blobs.put('letters/0123456789/doc 1\\..\\x.pdf', aPdf());

    expect(await readdir(join(root, 'store'))).toEqual([encodeURIComponent('letters/0123456789/doc 1\\..\\x.pdf')]);
  });
});

describe('S3BlobStore requests', () => {
  const kmsKeyId = 'arn:aws:kms:eu-west-3:111122223333:key/k1';
  let client: S3Client;
  let s3: ReturnType<typeof mockClient>;
  let blobs: S3BlobStore;

  beforeEach(() => {
    client = new S3Client({ region: 'eu-west-3', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    s3 = mockClient(client);
    blobs = new S3BlobStore({ client, bucket: 'letters-bucket', kmsKeyId });
  });

  afterEach(() => {
    s3.restore();
  });

  it('encrypts every object with the configured KMS key', async () => {
    s3.on(PutObjectCommand).resolves({});

    await blobs.put('letters/doc-1.pdf', aPdf());

    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({
        Bucket: 'letters-bucket',
        Key: 'letters/doc-1.pdf',
        ContentType: 'application/pdf',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: kmsKeyId,
      }),
    ]);
  });

  it('sends nothing to S3 for content that is not a PDF', async () => {
    await expect(blobs.put('doc.pdf', encoder.encode('nope'))).rejects.toBeInstanceOf(InvalidDocumentContentError);

    expect(s3.calls()).toHaveLength(0);
  });

  it('presigns a GET of the object that expires after the requested seconds, 60 at most', async () => {
    const url = new URL(await blobs.temporaryUrl('letters/doc-1.pdf', 60));

    expect(url.hostname).toBe('letters-bucket.s3.eu-west-3.amazonaws.com');
    expect(url.pathname).toBe('/letters/doc-1.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(s3.calls()).toHaveLength(0);
  });

  it('presigns shorter lifetimes as asked', async () => {
    const url = new URL(await blobs.temporaryUrl('letters/doc-1.pdf', 15));

    expect(url.searchParams.get('X-Amz-Expires')).toBe('15');
  });

  it('reports S3 throttling as a store error, not as an SDK exception', async () => {
    const slowDown = Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' });
    s3.on(GetObjectCommand).rejects(slowDown);

    await expect(blobs.get('doc.pdf')).rejects.toBeInstanceOf(StoreThrottledError);
  });
});

describe('assertPdf', () => {
  it('accepts content that starts with %PDF-', () => {
    expect(() => assertPdf(aPdf())).not.toThrow();
  });

  it.each([
    ['empty content', new Uint8Array()],
    ['a truncated signature', encoder.encode('%PDF')],
    ['a signature further in', encoder.encode(' %PDF-1.7')],
    ['a lowercase signature', encoder.encode('%pdf-1.7')],
  ])('refuses %s', (_name, content) => {
    expect(() => assertPdf(content)).toThrow(InvalidDocumentContentError);
  });

  it('refuses a PDF one byte over 10 MiB', () => {
    expect(() => assertPdf(aPdfOfSize(MAX_PDF_BYTES + 1))).toThrow(InvalidDocumentContentError);
  });
});
