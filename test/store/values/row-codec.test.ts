/**
 * toRowValues / fromRow (ICETYPE.md §4): the column value of every type, and
 * fromRow(toRowValues(doc)) = doc for generated documents covering every
 * type — as pure functions and through a real Durable Object SQLite table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldDefinition, IceTypeSchema } from '../../../src/icetype/index.js';
import { isStoredField, parseSchema } from '../../../src/icetype/index.js';
import { fromRow, toRowValues, validateDocument, type NormalizedDocument } from '../../../src/store/values/index.js';
import { inDurableObject } from '../../support/do.js';
import { AllTypes, CREATE, NOW } from './helpers.js';

const floatBytes = (values: number[]): number[] => [...new Uint8Array(new Float32Array(values).buffer)];

describe('toRowValues', () => {
  it('encodes every type as its column value', () => {
    const doc = validateDocument(
      AllTypes,
      {
        $id: 'a1',
        aString: 'héllo',
        aVarchar: 'abc',
        aUuid: '550E8400-E29B-41D4-A716-446655440000',
        anEnum: 'red',
        anInt: -7,
        aLong: 2n ** 52n,
        aFloat: 1.5,
        aDouble: Math.PI,
        aBool: true,
        aTimestamp: '2024-01-15T09:30:00.123Z',
        aDate: '2024-01-15',
        aTime: '09:30:00',
        aJson: { a: [1, null] },
        aBinary: new Uint8Array([0, 255]),
        aDecimal: '3.1',
        aWholeDecimal: 10n ** 30n,
        aVector: [0.5, -1, 2],
        strings: ['a', 'b'],
        bools: [true, false],
        timestamps: [0, '2024-01-15T09:30:00Z'],
        decimals: [1, '2.5'],
        binaries: [new Uint8Array([1, 171])],
        vectors: [[1, 2]],
        jsons: [{ k: 'v' }, 3],
        owner: 'u1',
        members: ['u1', 'u2'],
      },
      CREATE,
    );
    const row = toRowValues(AllTypes, { ...doc, $type: 'AllTypes', $version: 1, $createdAt: NOW, $updatedAt: NOW });
    expect(row).toMatchObject({
      $id: 'a1',
      $type: 'AllTypes',
      $version: 1,
      $createdAt: NOW.getTime(),
      $updatedAt: NOW.getTime(),
      aString: 'héllo',
      aText: null,
      aUuid: '550e8400-e29b-41d4-a716-446655440000',
      anInt: -7,
      aLong: 2 ** 52,
      aBool: 1,
      aTimestamp: Date.UTC(2024, 0, 15, 9, 30, 0, 123),
      aDate: '2024-01-15',
      aJson: '{"a":[1,null]}',
      aDecimal: '3.10',
      aWholeDecimal: `1${'0'.repeat(30)}`,
      strings: '["a","b"]',
      ints: null,
      bools: '[true,false]',
      timestamps: '["1970-01-01T00:00:00.000Z","2024-01-15T09:30:00.000Z"]',
      decimals: '["1.00","2.50"]',
      binaries: '["01ab"]',
      vectors: '[[1,2]]',
      jsons: '[{"k":"v"},3]',
      owner: 'u1',
      members: '["u1","u2"]',
    });
    expect(row.aBinary).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(row.aBinary as ArrayBuffer)]).toEqual([0, 255]);
    expect([...new Uint8Array(row.aVector as ArrayBuffer)]).toEqual(floatBytes([0.5, -1, 2]));
    expect(Object.keys(row)).not.toContain('posts');
    for (const value of Object.values(row)) {
      expect(value === null || typeof value === 'string' || typeof value === 'number' || value instanceof ArrayBuffer).toBe(true);
    }
  });

  it('gives binary an exact-size ArrayBuffer even for a view into a larger buffer', () => {
    const big = new Uint8Array([9, 1, 2, 9]);
    const row = toRowValues(AllTypes, { aBinary: big.subarray(1, 3) });
    expect((row.aBinary as ArrayBuffer).byteLength).toBe(2);
  });

  it('encodes only the keys present (a patch gives the SET list), in a fixed column order', () => {
    const patch = validateDocument(AllTypes, { anInt: 1, aBool: false, aString: null }, { ...CREATE, mode: 'patch' });
    expect(toRowValues(AllTypes, patch)).toEqual({ aString: null, anInt: 1, aBool: 0 });
    expect(Object.keys(toRowValues(AllTypes, { aBool: true, $version: 2, aString: 'x' }))).toEqual(['$version', 'aString', 'aBool']);
  });

  it('skips unknown keys of non-strict collections', () => {
    const Loose = parseSchema({ $type: 'Loose', $strict: false, name: 'string' });
    const doc = validateDocument(Loose, { name: 'a', extra: 1 }, CREATE);
    expect(toRowValues(Loose, doc)).toEqual({ $id: doc.$id, name: 'a' });
  });
});

describe('fromRow', () => {
  it('decodes DO values: integers as doubles, blobs as ArrayBuffer, NULL as null, system times as Dates', () => {
    const row: Record<string, SqlStorageValue> = {
      $id: 'a1',
      $type: 'AllTypes',
      $version: 3,
      $createdAt: 0,
      $updatedAt: 1000,
      aBool: 0,
      anInt: 5,
      aTimestamp: 86_400_000,
      aBinary: new Uint8Array([7]).buffer,
      aVector: new Float32Array([1, 2, 3]).buffer,
      aJson: '"text"',
      aDecimal: '1.50',
      strings: null,
      timestamps: '["1970-01-02T00:00:00.000Z"]',
      binaries: '["FF00"]',
      members: '["u1"]',
      unrelated: 'ignored',
    };
    expect(fromRow(AllTypes, row)).toEqual({
      $id: 'a1',
      $type: 'AllTypes',
      $version: 3,
      $createdAt: new Date(0),
      $updatedAt: new Date(1000),
      aBool: false,
      anInt: 5,
      aTimestamp: new Date(86_400_000),
      aBinary: new Uint8Array([7]),
      aVector: [1, 2, 3],
      aJson: 'text',
      aDecimal: '1.50',
      strings: null,
      timestamps: [new Date(86_400_000)],
      binaries: [new Uint8Array([255, 0])],
      members: ['u1'],
    });
  });

  it('handles a field named __proto__ as a plain property', () => {
    const schema = parseSchema(JSON.parse('{"$type": "P", "__proto__": "int"}') as object);
    const doc = validateDocument(schema, JSON.parse('{"__proto__": 5}'), CREATE);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    const row = toRowValues(schema, doc);
    expect(Object.keys(row)).toEqual(['$id', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(fromRow(schema, row), '__proto__')?.value).toBe(5);
  });
});

// ---- generated documents ------------------------------------------------------

const noLoneSurrogate = (s: string): boolean => !/\p{Cs}/u.test(s);
const str = fc.string({ unit: 'binary', maxLength: 12 }).filter(noLoneSurrogate);
const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const dateRange = { min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true };
const anyDate = fc.date({ noInvalidDate: true });
const timestampInput = fc.oneof(anyDate, anyDate.map((d) => d.getTime()), fc.date(dateRange).map((d) => d.toISOString()));
const dateString = fc.date(dateRange).map((d) => d.toISOString().slice(0, 10));
const timeString = fc.stringMatching(/^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?$/);
const decimalInput = (p: number, s: number) =>
  fc.bigInt({ min: -(10n ** BigInt(p)) + 1n, max: 10n ** BigInt(p) - 1n }).map((units) => {
    if (s === 0) return units;
    const t = (units < 0n ? -units : units).toString().padStart(s + 1, '0');
    return `${units < 0n ? '-' : ''}${t.slice(0, -s)}.${t.slice(-s)}`;
  });
const id = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => noLoneSurrogate(s) && !/[\u0000-\u001f\u007f-\u009f]/.test(s));
const json = fc.jsonValue({ maxDepth: 3 });
const vector = (n: number) => fc.oneof(fc.array(finiteDouble.filter((x) => Math.abs(x) <= 3.4e38), { minLength: n, maxLength: n }), fc.array(float32, { minLength: n, maxLength: n }).map((a) => new Float32Array(a)));
const bytes = fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 16 }).map((b) => b.slice().buffer));
const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 4 });

const generators: Record<string, fc.Arbitrary<unknown>> = {
  aString: str,
  aText: str,
  aVarchar: str.filter((s) => [...s].length <= 5),
  aUuid: fc.uuid().map((u) => u.toUpperCase()),
  anEnum: fc.constantFrom('red', 'green', 'blue'),
  anInt: fc.integer(),
  aLong: fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n })),
  aFloat: finiteDouble,
  aDouble: finiteDouble,
  aBool: fc.boolean(),
  aTimestamp: timestampInput,
  aDate: dateString,
  aTime: timeString,
  aJson: json.filter((v) => v !== null),
  aBinary: bytes,
  aDecimal: fc.oneof(decimalInput(10, 2), fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.constantFrom(0.1, 0.25, -12.3)),
  aWholeDecimal: decimalInput(38, 0),
  aVector: vector(3),
  strings: list(str),
  ints: list(fc.integer()),
  longs: list(fc.maxSafeInteger()),
  doubles: list(finiteDouble),
  bools: list(fc.boolean()),
  timestamps: list(timestampInput),
  dates: list(dateString),
  times: list(timeString),
  uuids: list(fc.uuid()),
  enums: list(fc.constantFrom('a', 'b')),
  decimals: list(decimalInput(10, 2)),
  binaries: list(bytes),
  vectors: list(vector(2)),
  jsons: list(json.filter((v) => v !== null)),
  owner: id,
  members: list(id),
};

/** Inputs for AllTypes: each field absent, null, or a generated value. */
const documentInput = fc.record(
  Object.fromEntries(Object.entries(generators).map(([k, g]) => [k, fc.option(g, { nil: null, freq: 4 })])),
  { requiredKeys: [] },
);

/** A validated document with system fields, as the store would hold it. */
const storedDocument = fc
  .tuple(documentInput, id, fc.integer({ min: 1, max: 2 ** 40 }), anyDate, anyDate)
  .map(([input, $id, $version, created, updated]): NormalizedDocument => ({
    ...validateDocument(AllTypes, { ...input, $id }, CREATE),
    $type: 'AllTypes',
    $version,
    $createdAt: created,
    $updatedAt: updated,
  }));

describe('round trip', () => {
  it('the generators cover every stored field of AllTypes', () => {
    const stored = [...AllTypes.fields.values()].filter(isStoredField).map((f) => f.name);
    expect(Object.keys(generators).sort()).toEqual(stored.sort());
  });

  it('fromRow(toRowValues(doc)) equals doc for every type (property)', () => {
    fc.assert(
      fc.property(storedDocument, (doc) => {
        expect(fromRow(AllTypes, toRowValues(AllTypes, doc))).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('validating a normalised document returns it unchanged (property)', () => {
    fc.assert(
      fc.property(documentInput, (input) => {
        const doc = validateDocument(AllTypes, input, CREATE);
        expect(validateDocument(AllTypes, doc, CREATE)).toEqual(doc);
      }),
      { numRuns: 200 },
    );
  });

  it('holds through a real Durable Object SQLite table (property)', async () => {
    await inDurableObject((storage) => {
      storage.sql.exec(createTableSql(AllTypes));
      const columns = ['$id', '$type', '$version', '$createdAt', '$updatedAt', ...storedFields(AllTypes).map((f) => f.name)];
      const insert = `INSERT INTO "AllTypes" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      let n = 0;
      fc.assert(
        fc.property(storedDocument, (generated) => {
          const doc = { ...generated, $id: `row-${n++}` };
          const row = toRowValues(AllTypes, doc);
          storage.sql.exec(insert, ...columns.map((c) => row[c] ?? null));
          const read = storage.sql.exec('SELECT * FROM "AllTypes" WHERE "$id" = ?', doc.$id).one();
          expect(fromRow(AllTypes, read)).toEqual(doc);
        }),
        { numRuns: 150 },
      );
    });
  });
});

function storedFields(schema: IceTypeSchema): FieldDefinition[] {
  return [...schema.fields.values()].filter(isStoredField);
}

/** The column affinity of ICETYPE.md §4 for each stored field (what compile/columns.ts declares). */
function affinity(f: FieldDefinition): string {
  if (f.isArray) return 'text';
  const t = f.type;
  if (t.kind === 'vector') return 'blob';
  if (t.kind !== 'primitive') return 'text';
  switch (t.name) {
    case 'int':
    case 'long':
    case 'bool':
    case 'timestamp':
      return 'integer';
    case 'float':
    case 'double':
      return 'real';
    case 'binary':
      return 'blob';
    default:
      return 'text';
  }
}

function createTableSql(schema: IceTypeSchema): string {
  const cols = storedFields(schema).map((f) => `"${f.name}" ${affinity(f)}`);
  return `CREATE TABLE "${schema.name}" ("$id" text PRIMARY KEY, "$type" text NOT NULL, "$version" integer NOT NULL, "$createdAt" integer NOT NULL, "$updatedAt" integer NOT NULL, ${cols.join(', ')})`;
}
