/**
 * Conforming stored documents to the schema in force: a document that
 * already conforms comes back as the same object (so its stored bytes
 * still encode it and a rewrite copies them); one that does not comes back
 * as a conformed copy, the stored document untouched.
 */
import { describe, expect, it } from 'vitest';
import { conformer } from '../../../src/batch/store/conform.js';
import { parseSchema } from '../../../src/icetype/index.js';

const Event = parseSchema({ $type: 'Event', kind: 'string!', note: 'string?', score: 'int?' });
const stored = { $id: 'e1', $type: 'Event', $version: 1, kind: 'click', note: null, score: 3 };

describe('conformer', () => {
  it('returns a conforming document as the same object', () => {
    const doc = { ...stored };
    expect(conformer(Event, true)(doc)).toBe(doc);
    expect(conformer(Event, false)(doc)).toBe(doc);
    expect(conformer(undefined, true)(doc)).toBe(doc);
  });

  it('adds fields declared since the document was written as null, in a copy', () => {
    const doc = { $id: 'e1', $type: 'Event', $version: 1, kind: 'click' };
    const before = JSON.stringify(doc);
    const out = conformer(Event, true)(doc);
    expect(out).not.toBe(doc);
    expect(out).toEqual({ ...doc, note: null, score: null });
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('drops fields a strict schema no longer declares, in a copy; a non-strict one keeps them', () => {
    const doc = { ...stored, dropped: 'x', __proto__field: 1 };
    const out = conformer(Event, true)(doc);
    expect(out).not.toBe(doc);
    expect(out).toEqual(stored);
    expect(doc.dropped).toBe('x');
    expect(conformer(Event, false)(doc)).toBe(doc);
  });

  it('keeps a field named __proto__ an own field when it adds it', () => {
    const Odd = parseSchema({ $type: 'Odd', ['__proto__']: 'string?' } as never);
    const out = conformer(Odd, true)({ $id: 'o1' });
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
