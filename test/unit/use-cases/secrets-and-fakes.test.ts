import { describe, expect, it } from 'vitest';
import { FastHasher } from '../../../simulator/fast-hasher.ts';
import { FixedClock } from '../../../shared/adapters/memory/fixed-clock.ts';
import { InMemoryNotifier } from '../../../shared/adapters/memory/memory-notifier.ts';
import { Argon2Hasher } from '../../../shared/adapters/secrets/argon2-hasher.ts';
import { RandomIds } from '../../../shared/adapters/secrets/random-ids.ts';
import { SystemClock } from '../../../shared/adapters/system-clock.ts';
import { CONNECTION_KEY_ALPHABET, isConnectionKeyShape } from '../../../shared/domain/identity.ts';

describe('Argon2Hasher', () => {
  it('hashes with argon2id, 19 MiB, 2 iterations, 1 lane and a random salt, and verifies', async () => {
    const hasher = new Argon2Hasher();

    const [first, second] = [await hasher.hash('Correct&Horse7battery'), await hasher.hash('Correct&Horse7battery')];

    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await hasher.verify(first, 'Correct&Horse7battery')).toBe(true);
    expect(await hasher.verify(first, 'Correct&Horse7batterY')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
  });
});

describe('FastHasher', () => {
  it('salts every hash and verifies only the right secret', async () => {
    const hasher = new FastHasher();

    const hash = await hasher.hash('secret');

    expect(hash).not.toBe(await hasher.hash('secret'));
    expect(await hasher.verify(hash, 'secret')).toBe(true);
    expect(await hasher.verify(hash, 'Secret')).toBe(false);
    expect(await hasher.verify('garbage', 'secret')).toBe(false);
  });
});

describe('RandomIds', () => {
  const ids = new RandomIds();

  it('makes 256-bit URL-safe session tokens', () => {
    const token = ids.sessionToken();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('makes connection keys of 16 symbols of the 32-symbol alphabet (80 bits), grouped by four', () => {
    const keys = Array.from({ length: 200 }, () => ids.connectionKey());

    expect(keys.every((key) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(key) && isConnectionKeyShape(key))).toBe(true);
    expect(new Set(keys.join('').replaceAll('-', '')).size).toBe(CONNECTION_KEY_ALPHABET.length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('makes six-digit reset codes, leading zeros included', () => {
    const codes = Array.from({ length: 2000 }, () => ids.resetCode());

    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
  });
});

describe('clocks', () => {
  it('FixedClock moves only when told, by exact durations', () => {
    const clock = new FixedClock('2023-03-25T23:30:00+01:00');

    clock.advance({ days: 1, minutes: 30 });

    expect(clock.now()).toBe('2023-03-26T23:00:00.000Z');
  });

  it('SystemClock gives the stored instant form', () => {
    expect(new SystemClock().now()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('InMemoryNotifier', () => {
  it('fails the next sends of a channel as told, then accepts', async () => {
    const notifier = new InMemoryNotifier();
    notifier.failNext('sms', 1, 'permanentFailure');
    const message = { id: 'm', channel: 'sms' as const, to: '+33612345678', language: 'fr' as const, text: 'hello' };

    const results = [await notifier.send(message), await notifier.send(message)];

    expect(results.map((r) => r.status)).toEqual(['permanentFailure', 'accepted']);
    expect(notifier.sent('sms')).toHaveLength(1);
  });
});
