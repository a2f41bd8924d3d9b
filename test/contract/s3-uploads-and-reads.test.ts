/**
 * The S3 sides of the two-step upload and of the applicant's presigned reads, which have no local
 * twin: the exact presigned URLs (computed offline) and the exact requests (aws-sdk-client-mock).
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3PresignedReads } from '../../shared/adapters/aws/s3-presigned-reads.ts';
import { S3UploadStore } from '../../shared/adapters/aws/s3-upload-store.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session/token+with=signs' };
const BUCKET = 'mailbox-pilot-data-lettersdc1467ac-1a2b3c4d5e6f';
const NOW = '2026-11-30T10:00:00.000Z';

function s3(): S3Client {
  return new S3Client({ region: 'eu-west-3', credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
}

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('S3PresignedReads (the applicant side, without the S3 client)', () => {
  it('makes the very URL the SDK presigner makes for GetObject, with the lifetime asked (≤ 60 s)', async () => {
    const key = 'letters/OFPRA%3A2023 é/0123abcd.pdf';
    const reads = new S3PresignedReads({ bucket: BUCKET, region: 'eu-west-3', credentials, clock: new FixedClock(NOW) });

    const ours = await reads.temporaryUrl(key, 60);
    // The SDK's client without response checksum validation (which only adds x-amz-checksum-mode).
    const client = new S3Client({ region: 'eu-west-3', credentials, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const sdk = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60, signingDate: new Date(NOW) });

    expect(new URL(ours).origin + new URL(ours).pathname).toBe(new URL(sdk).origin + new URL(sdk).pathname);
    expect(query(ours)).toEqual(query(sdk));
    expect(query(ours)['X-Amz-Expires']).toBe('60');
    await expect(reads.temporaryUrl(key, 61)).rejects.toThrow(RangeError);
    await expect(reads.get()).rejects.toThrow(/presigned/);
  });
});

describe('S3UploadStore (the office side)', () => {
  const mock = mockClient(S3Client);
  afterEach(() => mock.reset());

  it('hands out a presigned PUT of uploads/<id>, valid until the expiry, that signs the length, the SHA-256 checksum and the declared digest', async () => {
    const content = Buffer.from('%PDF-1.7 a letter');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const store = new S3UploadStore({ client: s3(), bucket: BUCKET, clock: new FixedClock(NOW) });

    const ticket = await store.prepare({
      uploadId: '0b6c4d2e-8f1a-4b3c-9d5e-6f7a8b9c0d1e',
      contentLength: content.byteLength,
      contentSha256: sha256,
      expiresAt: '2026-11-30T10:15:00.000Z',
    });

    const url = new URL(ticket.url);
    expect(url.origin).toBe(`https://${BUCKET}.s3.eu-west-3.amazonaws.com`);
    expect(url.pathname).toBe('/uploads/0b6c4d2e-8f1a-4b3c-9d5e-6f7a8b9c0d1e');
    expect(ticket.method).toBe('PUT');
    const signed = query(ticket.url);
    expect(signed['X-Amz-Expires']).toBe('900');
    expect(signed['X-Amz-Date']).toBe('20261130T100000Z');
    expect(signed['X-Amz-SignedHeaders']?.split(';').sort()).toEqual(
      ['content-length', 'content-type', 'host', 'x-amz-checksum-sha256', 'x-amz-meta-declared-length', 'x-amz-meta-declared-sha256'].sort(),
    );
    // Sent as headers (so S3 verifies them), never hoisted into the query; no SDK default checksum.
    expect(Object.keys(signed).filter((name) => /checksum|x-amz-meta|x-amz-sdk/i.test(name))).toEqual([]);
    expect(ticket.headers).toEqual({
      'content-type': 'application/pdf',
      'x-amz-checksum-sha256': createHash('sha256').update(content).digest('base64'),
      'x-amz-meta-declared-sha256': sha256,
      'x-amz-meta-declared-length': String(content.byteLength),
    });
  });

  it('reads an upload back with exactly one GetObject, with what was declared for it; a missing one is null', async () => {
    const content = Buffer.from('%PDF-1.7 a letter');
    const body = { transformToByteArray: async () => new Uint8Array(content) } as unknown as GetObjectCommandOutput['Body'];
    mock.on(GetObjectCommand, { Bucket: BUCKET, Key: 'uploads/present' }).resolves({
      Body: body,
      Metadata: { 'declared-sha256': 'ab'.repeat(32), 'declared-length': '17' },
    });
    mock.on(GetObjectCommand, { Bucket: BUCKET, Key: 'uploads/absent' }).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    const store = new S3UploadStore({ client: new S3Client({ region: 'eu-west-3', credentials }), bucket: BUCKET, clock: new FixedClock(NOW) });

    const present = await store.read('present');
    const absent = await store.read('absent');

    expect(present).toEqual({ content: new Uint8Array(content), declaredSha256: 'ab'.repeat(32), declaredLength: 17 });
    expect(absent).toBeNull();
    expect(mock.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: BUCKET, Key: 'uploads/present' },
      { Bucket: BUCKET, Key: 'uploads/absent' },
    ]);
  });
});
