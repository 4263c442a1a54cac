import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_BATCH_SIZE, encodeBatch, encodedDocumentSize } from '../../src/batch/codec/index.js';
import { DocumentTooLargeForBatchError, planPacking } from '../../src/batch/packer/index.js';

const limits = { batchSize: 128, maxBatchBytes: 1 << 20 };

describe('planPacking', () => {
  it('fills the open batch first, then new batches, in order', () => {
    expect(planPacking([300, 300, 300], { id: 7, count: 127, bytes: 40_000 }, limits)).toEqual({ appendToOpen: [0], newBatches: [[1, 2]] });
    expect(planPacking([10, 10], undefined, limits)).toEqual({ appendToOpen: [], newBatches: [[0, 1]] });
  });

  it('packs 10,000 documents at 100% of B when bytes allow', () => {
    const plan = planPacking(Array.from({ length: 10_000 }, () => 200), undefined, limits);
    expect(plan.newBatches).toHaveLength(Math.ceil(10_000 / 128));
    expect(plan.newBatches.slice(0, -1).every((batch) => batch.length === 128)).toBe(true);
  });

  it('never exceeds B or the byte cap, keeps every document once and in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 400 }),
        fc.option(fc.record({ count: fc.integer({ min: 0, max: 64 }), bytes: fc.integer({ min: EMPTY_BATCH_SIZE, max: 20_000 }) })),
        fc.constantFrom(64, 128, 256),
        fc.integer({ min: 5_100, max: 60_000 }),
        (sizes, open, batchSize, maxBatchBytes) => {
          const openBatch = open === null ? undefined : { id: 1, ...open };
          const plan = planPacking(sizes, openBatch, { batchSize, maxBatchBytes });
          const order = [...plan.appendToOpen, ...plan.newBatches.flat()];
          expect(order).toEqual(sizes.map((_, i) => i));
          const openBytes = (openBatch?.bytes ?? 0) + plan.appendToOpen.reduce((n, i) => n + sizes[i]!, 0);
          if (openBatch !== undefined) {
            expect(openBatch.count + plan.appendToOpen.length).toBeLessThanOrEqual(Math.max(batchSize, openBatch.count));
            if (plan.appendToOpen.length > 0) expect(openBytes).toBeLessThanOrEqual(maxBatchBytes);
          }
          for (const batch of plan.newBatches) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(batchSize);
            expect(EMPTY_BATCH_SIZE + batch.reduce((n, i) => n + sizes[i]!, 0)).toBeLessThanOrEqual(maxBatchBytes);
          }
        },
      ),
    );
  });

  it('planned sizes are the real encoded sizes', () => {
    const docs = Array.from({ length: 300 }, (_, i) => ({ $id: `0193-${i}`, name: `user ${i}`, age: i, at: new Date(i) }));
    const sizes = docs.map(encodedDocumentSize);
    const plan = planPacking(sizes, undefined, { batchSize: 128, maxBatchBytes: 4_000 });
    for (const batch of plan.newBatches) {
      const bytes = encodeBatch(batch.map((i) => docs[i]!)).byteLength;
      expect(bytes).toBe(EMPTY_BATCH_SIZE + batch.reduce((n, i) => n + sizes[i]!, 0));
      expect(bytes).toBeLessThanOrEqual(4_000);
    }
  });

  it('rejects a document too large for any batch, naming sizes, not contents', () => {
    const error = (() => {
      try {
        planPacking([10, 2_000_000], undefined, limits);
      } catch (e) {
        return e;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(DocumentTooLargeForBatchError);
    expect(error).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', index: 1, size: 2_000_000 });
  });
});
