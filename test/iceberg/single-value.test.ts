/**
 * Iceberg's single-value serialization (spec Appendix D), the bytes of the
 * bounds in manifests. Expected bytes follow the spec's table (the two long
 * ones computed with Python's int.to_bytes, not with this code).
 */
import { describe, expect, it } from 'vitest';
import { serializeSingleValue } from '../../src/iceberg/table/single-value.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

describe('serializeSingleValue', () => {
  it.each([
    ['boolean', true, '01'],
    ['boolean', false, '00'],
    ['int', 1, '01 00 00 00'],
    ['int', -2, 'fe ff ff ff'],
    ['date', 19_737, '19 4d 00 00'],
    ['long', -1n, 'ff ff ff ff ff ff ff ff'],
    ['long', 2n ** 40n, '00 00 00 00 00 01 00 00'],
    ['timestamptz', 1_705_314_600_123_000n, '78 7a f8 7e f9 0e 06 00'],
    ['time', 0n, '00 00 00 00 00 00 00 00'],
    ['float', 1, '00 00 80 3f'],
    ['double', 1, '00 00 00 00 00 00 f0 3f'],
    ['double', -0, '00 00 00 00 00 00 00 80'],
    ['string', 'aé', '61 c3 a9'],
    ['binary', new Uint8Array([0, 255]), '00 ff'],
    ['decimal(10,2)', 1234n, '04 d2'],
    ['decimal(10,2)', 127n, '7f'],
    ['decimal(10,2)', 128n, '00 80'],
    ['decimal(10,2)', -1n, 'ff'],
    ['decimal(10,2)', -128n, '80'],
    ['decimal(10,2)', -129n, 'ff 7f'],
    ['decimal(38,0)', 0n, '00'],
    ['decimal(38,0)', 10n ** 37n, '07 85 ee 10 d5 da 46 d9 00 f4 36 a0 00 00 00 00'],
  ] as const)('%s %s → %s', (type, value, bytes) => {
    expect(hex(serializeSingleValue(type, value))).toBe(bytes);
  });
});
