/**
 * Document ids: UUIDv7 (RFC 9562) from pooled random bytes, strictly
 * increasing within the isolate even while workerd's clock stands still —
 * which is what keeps the batched layout's id ranges tight.
 */
import { describe, expect, it } from 'vitest';
import { newDocumentId } from '../../src/util/id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newDocumentId', () => {
  it('gives well-formed, unique, strictly increasing UUIDv7s stamped with the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, newDocumentId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(UUID_V7);
    for (let i = 1; i < ids.length; i++) if (!(ids[i]! > ids[i - 1]!)) expect.fail(`id ${i} does not sort after id ${i - 1}`);
    expect(new Set(ids).size).toBe(ids.length);
    const stamp = Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now() + 1);
    // The random part differs between ids (from the pool, refilled every 256 ids).
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
