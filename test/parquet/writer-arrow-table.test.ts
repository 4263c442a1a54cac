/**
 * `arrowTableFor` and `positionDeletesTable` in workerd (where Arrow's
 * builders would throw EvalError): the Arrow type of every IceType type
 * (ICETYPE.md §4), `PARQUET:field_id` on every field and list element, the
 * changelog columns with their reserved ids, position deletes sorted as
 * the Iceberg spec requires, and typed errors that never echo a value.
 */
import type { Field, List } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { IceTypeError } from '../../src/errors.js';
import { parseSchema } from '../../src/icetype/index.js';
import {
  arrowTableFor,
  CHANGELOG_FIELD_ID_BASE,
  CHANGELOG_FIELDS,
  DELETE_FILE_PATH_FIELD_ID,
  DELETE_POS_FIELD_ID,
  documentToParquetRow,
  ParquetWriteError,
  positionDeletesTable,
  type ChangelogValues,
  type ParquetRow,
} from '../../src/parquet/index.js';
import { assignFieldIds } from '../../src/registry/field-ids.js';
import { EVERY_TYPE_IDS, EveryType, everyTypeRows } from '../../test-node/parquet/support/every-type.js';
import { thrown } from '../iceberg/support.js';

const fieldId = (field: Field): number => Number(field.metadata.get('PARQUET:field_id'));
const elementOf = (field: Field): Field => (field.type as List).children[0]!;
const column = (table: ReturnType<typeof arrowTableFor>, name: string): unknown[] => [...table.getChild(name)!];

describe('arrowTableFor: every IceType type', () => {
  const table = arrowTableFor(EveryType, everyTypeRows());

  it('types each column per ICETYPE.md §4, nullable unless required, in the Parquet schema order', () => {
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, `${f.type}${f.nullable ? '' : ' not null'}`]));
    expect(types).toEqual({
      $id: 'Utf8 not null',
      $type: 'Utf8 not null',
      $version: 'Int64 not null',
      $createdAt: 'Timestamp<MICROSECOND, UTC> not null',
      $updatedAt: 'Timestamp<MICROSECOND, UTC> not null',
      s: 'Utf8 not null',
      t: 'Utf8',
      u: 'Utf8',
      e: 'Utf8',
      v: 'Utf8',
      i: 'Int32',
      l: 'Int64',
      bi: 'Int64',
      f: 'Float32',
      d: 'Float64',
      b: 'Bool',
      ts: 'Timestamp<MICROSECOND, UTC>',
      dt: 'Date32<DAY>',
      tm: 'Time64<MICROSECOND>',
      j: 'Utf8',
      bin: 'Binary',
      d5: 'Decimal[5e+1]',
      d10: 'Decimal[10e+2]',
      d20: 'Decimal[20e+4]',
      d38: 'Decimal[38e0]',
      frac: 'Decimal[38e+38]',
      tags: 'List<Utf8>',
      ints: 'List<Int32>',
      times: 'List<Timestamp<MICROSECOND, UTC>>',
      decs: 'List<Decimal[5e+1]>',
      vec: 'List<Float32>',
      ref: 'Utf8',
      refs: 'List<Utf8>',
    });
    expect(table.numRows).toBe(3);
  });

  it('puts PARQUET:field_id on every field and on every list element, which is never null', () => {
    const ids: Record<string, number> = {};
    for (const field of table.schema.fields) {
      ids[field.name] = fieldId(field);
      if (field.typeId === 12 /* List */) {
        expect(elementOf(field).name).toBe('element');
        expect(elementOf(field).nullable).toBe(false);
        ids[`${field.name}.element`] = fieldId(elementOf(field));
      }
    }
    expect(ids).toEqual(EVERY_TYPE_IDS);
  });

  it('holds the row values, nulls included', () => {
    expect(column(table, '$id')).toEqual(['a1', 'a2', 'a3']);
    expect(column(table, 's')).toEqual(['alpha', 'z\uff21', 'z\u{1f600}']);
    expect(column(table, 'i')).toEqual([-7, 2147483647, null]);
    expect(column(table, 'l')).toEqual([9007199254740991n, -9007199254740991n, null]);
    // Arrow JS reads timestamps back as ms; the buffer holds the exact µs (0 under the null).
    expect([...table.getChild('ts')!.data[0]!.values]).toEqual([1705314600123000n, -2208988800000000n, 0n]);
    expect(table.getChild('ts')!.nullCount).toBe(1);
    expect(column(table, 'tm')).toEqual([37800500000n, 0n, null]);
    expect(column(table, 'b')).toEqual([true, false, null]);
    expect(column(table, 'tags').map((v) => (v === null ? null : [...(v as Iterable<unknown>)]))).toEqual([['a', 'b'], [], null]);
    expect(column(table, 'vec').map((v) => (v === null ? null : [...(v as Iterable<unknown>)]))).toEqual([[0.5, -1, 0.25], [1, 2, 3], null]);
  });

  it('takes the registry ids it is given, so an evolved schema keeps its old ids', () => {
    const v1 = parseSchema({ $type: 'Post', title: 'string!', tags: 'string[]' });
    const v2 = parseSchema({ $type: 'Post', tags: 'string[]', views: 'int' });
    const ids = assignFieldIds(v2, assignFieldIds(v1));
    const row = documentToParquetRow(v2, { $id: 'p1', $type: 'Post', $version: 1, $createdAt: 0, $updatedAt: 0, tags: ['x'], views: 3 });
    const fields = arrowTableFor(v2, [row], { fieldIds: ids }).schema.fields;
    expect(fields.map((f) => [f.name, fieldId(f)])).toEqual([['$id', 1], ['$type', 2], ['$version', 3], ['$createdAt', 4], ['$updatedAt', 5], ['tags', 7], ['views', 9]]);
    expect(fieldId(elementOf(fields[5]!))).toBe(8);
  });

  it('builds an empty table from no rows', () => {
    const empty = arrowTableFor(EveryType, []);
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields).toHaveLength(33);
  });
});

describe('arrowTableFor: the changelog columns', () => {
  const change = (row: ParquetRow, values: ChangelogValues): ParquetRow & ChangelogValues => ({ ...row, ...values });

  it('appends _op, _seq, _ts, _shard with the reserved ids', () => {
    const [a, b] = everyTypeRows();
    const rows = [change(a!, { _op: 'insert', _seq: 1n, _ts: 1705314600123000n, _shard: 'shard-0' }), change(b!, { _op: 'delete', _seq: 2n, _ts: 0n, _shard: 'shard-1' })];
    const table = arrowTableFor(EveryType, rows, { changelog: true });
    const tail = table.schema.fields.slice(-4).map((f) => [f.name, `${f.type}`, f.nullable, fieldId(f)]);
    expect(tail).toEqual([
      ['_op', 'Utf8', false, 2_000_000_001],
      ['_seq', 'Int64', false, 2_000_000_002],
      ['_ts', 'Timestamp<MICROSECOND, UTC>', false, 2_000_000_003],
      ['_shard', 'Utf8', false, 2_000_000_004],
    ]);
    expect(CHANGELOG_FIELDS.map((f) => f.id)).toEqual([2_000_000_001, 2_000_000_002, 2_000_000_003, 2_000_000_004]);
    expect(CHANGELOG_FIELDS.every((f) => f.id > CHANGELOG_FIELD_ID_BASE && f.id < 2147483447)).toBe(true);
    expect(column(table, '_op')).toEqual(['insert', 'delete']);
    expect(column(table, '_seq')).toEqual([1n, 2n]);
    expect(column(table, '_shard')).toEqual(['shard-0', 'shard-1']);
  });

  it('makes every document column but $id nullable, so a delete without a before image is just its $id', () => {
    const deleted = { $id: 'a9', _op: 'delete', _seq: 3n, _ts: 0n, _shard: 'shard-0' } as ParquetRow & ChangelogValues;
    const table = arrowTableFor(EveryType, [deleted], { changelog: true });
    const required = table.schema.fields.filter((f) => !f.nullable).map((f) => f.name);
    expect(required).toEqual(['$id', '_op', '_seq', '_ts', '_shard']);
    expect([column(table, '$id'), column(table, 's'), column(table, '$version')]).toEqual([['a9'], [null], [null]]);
  });

  it('refuses rows without changelog values, an unknown _op, a field named like a changelog column, and ids in the reserved range', () => {
    const [a] = everyTypeRows();
    const missing = thrown(() => arrowTableFor(EveryType, [a as ParquetRow & ChangelogValues], { changelog: true }));
    expect([missing.code, missing['column'], missing['row']]).toEqual(['NULL_NOT_ALLOWED', '_op', 0]);

    const upsert = { _op: 'upsert', _seq: 1n, _ts: 0n, _shard: 's' } as unknown as ChangelogValues;
    const badOp = thrown(() => arrowTableFor(EveryType, [change(a!, upsert)], { changelog: true }));
    expect([badOp.code, badOp['column'], badOp['row']]).toEqual(['TYPE_MISMATCH', '_op', 0]);

    const clash = parseSchema({ $type: 'Clash', _seq: 'long' });
    expect(thrown(() => arrowTableFor(clash, [], { changelog: true })).code).toBe('COLUMN_COLLISION');

    const ids = assignFieldIds(EveryType);
    const high = thrown(() => arrowTableFor(EveryType, [], { changelog: true, fieldIds: { ...ids, lastId: CHANGELOG_FIELD_ID_BASE } }));
    expect(high.code).toBe('COLUMN_COLLISION');
  });
});

describe('arrowTableFor: rows that do not fit', () => {
  const Small = parseSchema({ $type: 'Small', n: 'int', big: 'long', dec: 'decimal(5,2)', at: 'time', tags: 'string[]', name: 'string!' });
  const [ok] = [documentToParquetRow(Small, { $id: 'x1', $type: 'Small', $version: 1, $createdAt: 0, $updatedAt: 0, name: 'n' })];
  const SECRET = 'alice@example.com';
  const cases: readonly (readonly [string, Record<string, unknown>, string, string])[] = [
    ['a string in an int column', { n: SECRET }, 'TYPE_MISMATCH', 'n'],
    ['a fraction in an int column', { n: 1.5 }, 'TYPE_MISMATCH', 'n'],
    ['an int beyond 32 bits', { n: 2 ** 31 }, 'OUT_OF_RANGE', 'n'],
    ['a number in a long column (bigint expected)', { big: 5 }, 'TYPE_MISMATCH', 'big'],
    ['a long beyond 64 bits', { big: 2n ** 63n }, 'OUT_OF_RANGE', 'big'],
    ['a decimal with more digits than its precision', { dec: 100000n }, 'OUT_OF_RANGE', 'dec'],
    ['a time past midnight', { at: 86_400_000_000n }, 'OUT_OF_RANGE', 'at'],
    ['a string where a list goes', { tags: SECRET }, 'TYPE_MISMATCH', 'tags'],
    ['a number as a list element', { tags: ['a', 7] }, 'TYPE_MISMATCH', 'tags.element'],
    ['a null list element', { tags: ['a', null] }, 'NULL_NOT_ALLOWED', 'tags.element'],
    ['no value in a required column', { name: null }, 'NULL_NOT_ALLOWED', 'name'],
    ['an undeclared key left out of a required column', { name: undefined }, 'NULL_NOT_ALLOWED', 'name'],
  ];

  it.each(cases)('%s: a ParquetWriteError with a stable code naming the column and row', (_, patch, code, columnName) => {
    const rows = [ok!, ok!, { ...ok!, ...patch } as ParquetRow];
    const error = thrown(() => arrowTableFor(Small, rows));
    expect(error).toBeInstanceOf(ParquetWriteError);
    expect(error).toBeInstanceOf(IceTypeError);
    expect([error.code, error['collection'], error['column'], error['row']]).toEqual([code, 'Small', columnName, 2]);
    expect(error.message).toMatch(new RegExp(`^parquet writer Small\\.${columnName.replace('.', '\\.')} \\(row 2\\): expected .+, found `));
    expect(error.message).not.toContain(SECRET);
  });

  it('says what was expected and what was found', () => {
    const error = thrown(() => arrowTableFor(Small, [{ ...ok!, big: 5 } as ParquetRow]));
    expect(error.message).toBe('parquet writer Small.big (row 0): expected a long (a bigint of 64 bits), found a whole number');
  });
});

describe('positionDeletesTable', () => {
  it('has file_path and pos with the spec reserved ids, both required', () => {
    const table = positionDeletesTable([{ filePath: 'f', pos: 0 }]);
    expect(table.schema.fields.map((f) => [f.name, `${f.type}`, f.nullable, fieldId(f)])).toEqual([
      ['file_path', 'Utf8', false, DELETE_FILE_PATH_FIELD_ID],
      ['pos', 'Int64', false, DELETE_POS_FIELD_ID],
    ]);
    expect([DELETE_FILE_PATH_FIELD_ID, DELETE_POS_FIELD_ID]).toEqual([2147483546, 2147483545]);
  });

  it('sorts by file path in code point (UTF-8 byte) order, then by position', () => {
    const table = positionDeletesTable([
      { filePath: 's3://b/z\u{1f600}.parquet', pos: 1 },
      { filePath: 's3://b/a.parquet', pos: 10n },
      { filePath: 's3://b/z\uff21.parquet', pos: 0 },
      { filePath: 's3://b/a.parquet', pos: 9 },
      { filePath: 's3://b/a.parquet', pos: 100n },
    ]);
    expect(column(table, 'file_path')).toEqual(['s3://b/a.parquet', 's3://b/a.parquet', 's3://b/a.parquet', 's3://b/z\uff21.parquet', 's3://b/z\u{1f600}.parquet']);
    expect(column(table, 'pos')).toEqual([9n, 10n, 100n, 0n, 1n]);
  });

  it('refuses a position that is not a whole number from 0, and a path that is not a string', () => {
    const negative = thrown(() => positionDeletesTable([{ filePath: 'f', pos: 0 }, { filePath: 'f', pos: -1 }]));
    expect([negative.code, negative['column'], negative['row']]).toEqual(['OUT_OF_RANGE', 'pos', 1]);
    expect(thrown(() => positionDeletesTable([{ filePath: 'f', pos: 1.5 }])).code).toBe('TYPE_MISMATCH');
    expect(thrown(() => positionDeletesTable([{ filePath: 3 as unknown as string, pos: 1 }])).code).toBe('TYPE_MISMATCH');
  });
});
