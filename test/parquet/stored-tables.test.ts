/**
 * The exporter's trusted path (`storedColumns`, `storedChangelogTable`,
 * `storedDocumentsTable`) against the validating one (`documentToParquetRow`
 * + `arrowTableFor`/`arrowTableOf`): on documents the store really wrote
 * and the change log gives back — rows and batched layouts, every column
 * type, nulls, values at the edges — both must give the same Arrow bytes
 * and the same Parquet file; on documents that are not canonical the
 * trusted path gives up and the result (or the error) is the validating
 * path's.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowTableFor, createConfig, defineSchema, documentToParquetRow, drizzle, migrate, writeParquet, type ChangeEntry, type IcebergField, type ParquetRow } from '../../src/index.js';
import { generateIcebergSchema } from '../../src/iceberg/metadata/iceberg-schema.js';
import type { FieldIdAssignment } from '../../src/registry/field-ids.js';
import type { IceTypeSchema } from '../../src/icetype/ast.js';
import { arrowTableOf } from '../../src/parquet/writer/arrow-table.js';
import { ByteSink } from '../../src/parquet/writer/byte-sink.js';
import { ColumnMemo } from '../../src/parquet/writer/column-memo.js';
import { storedColumns, storedValue } from '../../src/parquet/writer/stored-columns.js';
import { storedChangelogTable, storedDocumentsTable } from '../../src/parquet/writer/stored-tables.js';
import { workerdParquetWasm } from '../../src/parquet/writer/workerd-wasm.js';
import { createTablesSql } from '../search/support.js';
import { inDurableObject } from '../support/do.js';

const FIELDS = {
  aString: 'string',
  aText: 'text!',
  anInt: 'int',
  aLong: 'long',
  aFloat: 'float',
  aDouble: 'double',
  aBool: 'bool',
  aUuid: 'uuid',
  aTimestamp: 'timestamp',
  aDate: 'date',
  aTime: 'time',
  aJson: 'json',
  aBinary: 'binary',
  aDecimal: 'decimal(12,4)',
  aWideDecimal: 'decimal(38,6)',
  aVarchar: 'varchar(20)',
  anEnum: '"red" | "green" | "blue"',
  strings: 'string[]',
  ints: 'int[]',
  times: 'timestamp[]',
  embedding: 'vector(4)',
  owner: '-> Thing',
} as const;

const schema = defineSchema({ Thing: FIELDS, Packed: { $storage: 'batched', ...FIELDS } } as const);

/** Documents with every column, edge values and nulls; `i` varies them. */
function documents(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    $id: `t${String(i).padStart(4, '0')}${i % 7 === 0 ? 'é' : ''}`,
    aString: i % 5 === 0 ? null : ['plain', 'ünïcödé', '日本語', '😀 emoji', ''][i % 5]!,
    aText: `text ${i}`,
    anInt: i % 4 === 0 ? null : (i % 2 === 0 ? -1 : 1) * (2 ** 31 - 1 - i),
    aLong: i % 6 === 0 ? null : (i % 2 === 0 ? -1 : 1) * (Number.MAX_SAFE_INTEGER - i),
    aFloat: i % 3 === 0 ? null : i / 8,
    aDouble: i % 3 === 1 ? null : -i * 1.25,
    aBool: i % 3 === 2 ? null : i % 2 === 0,
    aUuid: `550E8400-E29B-41D4-A716-${String(446655440000 + i)}`,
    aTimestamp: i % 5 === 1 ? null : new Date([-62_135_596_800_000, -1, 0, 1_767_225_600_123, 8_640_000_000_000_000][i % 5]!),
    aDate: i % 4 === 1 ? null : ['1969-12-31', '2024-02-29', '0001-01-01', '9999-12-31'][i % 4]!,
    aTime: i % 4 === 2 ? null : ['00:00:00', '23:59:59.999999', '12:30:00.5', '01:02:03'][i % 4]!,
    aJson: i % 4 === 3 ? null : [{ k: [1, 2], s: 'x' }, 'text', 42, [null, true]][i % 4]!,
    aBinary: i % 3 === 0 ? null : new Uint8Array([i & 0xff, 0, 255]),
    aDecimal: i % 5 === 2 ? null : ['-12345678.1234', '0.0001', '99999999.9999', '-0.5000', '7'][i % 5]!,
    aWideDecimal: i % 5 === 3 ? null : ['-99999999999999999999999999999999.999999', '12345678901234567890.123456', '0.000001', '-1', '123456789.5'][i % 5]!,
    aVarchar: i % 2 === 0 ? null : `v${i}`,
    anEnum: i % 4 === 0 ? null : (['red', 'green', 'blue'] as const)[i % 3]!,
    strings: i % 3 === 0 ? null : i % 3 === 1 ? [] : ['a', 'ß', `s${i}`],
    ints: i % 2 === 0 ? null : [i, -i, 2 ** 31 - 1],
    times: i % 3 === 2 ? null : [new Date(i * 1000), new Date(-i * 86_400_000)],
    embedding: i % 2 === 1 ? null : [0.5, 0.25, -1, i],
    owner: i % 2 === 0 ? null : 'anchor',
  }));
}

const ipc = (table: Table) => tableToIPC(table, 'stream');

/** The validating path's changelog table, row by row as the exporter built it before the trusted path. */
function validatingChangelog(set: IceTypeSchema, changes: readonly ChangeEntry[], fieldIds: FieldIdAssignment): Table {
  const rows = changes.map((change) => {
    const image = change.op === 'delete' ? change.before : change.after;
    const row: ParquetRow = image === null ? { $id: change.id, $type: change.collection } : documentToParquetRow(set, image);
    return Object.assign(row, { _op: change.op, _seq: BigInt(change.seq), _ts: BigInt(change.timestamp.getTime()) * 1000n, _shard: change.shardId });
  });
  return arrowTableFor(set, rows, { fieldIds, changelog: true });
}

/** A database over `storage` with both collections, capturing before images or not. */
async function open(storage: DurableObjectStorage, captureBefore: boolean) {
  for (const ddl of createTablesSql(schema)) if (ddl.includes('"Thing"')) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema, config: createConfig('DOCUMENT_STORE', { cdc: { captureBefore } }) });
  await migrate(db, { migrations: {} });
  db.store.create('Thing', { $id: 'anchor', aText: 'what `owner` points at' });
  return db;
}

describe('the trusted path gives the validating path’s tables', () => {
  for (const collection of ['Thing', 'Packed'] as const) {
    for (const captureBefore of [false, true]) {
      it(`${collection} (${collection === 'Thing' ? 'rows' : 'batched'} layout), before images ${captureBefore ? 'captured' : 'off'}: changelog and mirror, byte for byte`, async () => {
        await inDurableObject(async (storage) => {
          const db = await open(storage, captureBefore);
          const docs = documents(40);
          db.store.createMany(collection, docs);
          for (const doc of docs.slice(0, 10)) db.store.update(collection, doc.$id, { aText: `updated ${doc.$id}`, anInt: null });
          for (const doc of docs.slice(10, 15)) db.store.delete(collection, doc.$id);
          const set = schema.collections.get(collection)!;
          const fieldIds = db.registry.getFieldIds(collection)!;
          const changes = db.cdc.getUnsyncedChanges(1000).filter((c) => c.collection === collection);
          expect(changes.map((c) => c.op).filter((op) => op === 'delete')).toHaveLength(5);

          // The trusted path is taken: every image is canonical.
          const images = changes.map((c) => (c.op === 'delete' ? c.before : c.after));
          const columns = generateIcebergSchema(set, fieldIds).fields.map((f) => (f.name === '$id' ? f : { ...f, required: false }));
          expect(storedColumns(set, columns, images, (i) => ({ $id: changes[i]!.id, $type: changes[i]!.collection }))).toBeDefined();

          const trusted = storedChangelogTable(set, changes, { fieldIds });
          const validating = validatingChangelog(set, changes, fieldIds);
          expect(trusted.numRows).toBe(changes.length);
          expect(ipc(trusted)).toEqual(ipc(validating));
          expect(writeParquet(trusted, { wasm: workerdParquetWasm })).toEqual(writeParquet(validating, { wasm: workerdParquetWasm }));

          const current = db.store.query(collection, { limit: 1000 }).documents as unknown as Record<string, unknown>[];
          const mirrorColumns = generateIcebergSchema(set, fieldIds).fields;
          expect(storedColumns(set, mirrorColumns, current)).toBeDefined();
          const mirror = storedDocumentsTable(set, mirrorColumns, current);
          expect(ipc(mirror)).toEqual(ipc(arrowTableOf(mirrorColumns, current.map((d) => documentToParquetRow(set, d)), set.name)));
        });
      });
    }
  }

  it('lays out a column no stored field feeds as nulls, and a column the table made optional', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage, false);
      db.store.createMany('Thing', documents(13));
      const set = schema.collections.get('Thing')!;
      const fields = generateIcebergSchema(set).fields;
      const extra: IcebergField[] = [
        { id: 900, name: 'gone', required: false, type: 'decimal(9,3)' },
        { id: 901, name: 'goneList', required: false, type: { type: 'list', 'element-id': 902, 'element-required': true, element: 'long' } },
      ];
      const columns = [...fields.map((f) => (f.name === 'aText' ? { ...f, required: false } : f)), ...extra];
      const docs = db.store.query('Thing', { limit: 100 }).documents as unknown as Record<string, unknown>[];
      expect(storedColumns(set, columns, docs)).toBeDefined();
      expect(ipc(storedDocumentsTable(set, columns, docs))).toEqual(ipc(arrowTableOf(columns, docs.map((d) => documentToParquetRow(set, d)), set.name)));
    });
  });
});

describe('documents that are not canonical go the validating way', () => {
  const set = schema.collections.get('Thing')!;
  const columns = generateIcebergSchema(set).fields;
  const base = { $id: 'x1', $type: 'Thing', $version: 1, $createdAt: new Date(0), $updatedAt: new Date(1), aText: 't' };

  it('gives up on a value in another form, and the table is the validating path’s', () => {
    // The store accepts an ISO string for a timestamp and a number for a decimal; documentToParquetRow normalises them.
    const loose = [{ ...base, aTimestamp: '2024-01-15T10:30:00.123Z', aDecimal: 12.5 }];
    expect(storedColumns(set, columns, loose)).toBeUndefined();
    const table = storedDocumentsTable(set, columns, loose);
    expect(ipc(table)).toEqual(ipc(arrowTableOf(columns, loose.map((d) => documentToParquetRow(set, d)), set.name)));
    expect(table.getChild('aTimestamp')!.get(0)).toBe(1_705_314_600_123);
  });

  it('gives up on a decimal with another scale or too many digits, an int out of range, a null list element', () => {
    for (const bad of [{ aDecimal: '1.5' }, { aDecimal: '123456789.0000' }, { anInt: 2 ** 31 }, { strings: ['a', null] }, { aTimestamp: new Date(Number.NaN) }, { $version: 0.5 }]) {
      expect(storedColumns(set, columns, [{ ...base, ...bad }]), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('throws the validating path’s error for a document it cannot convert', () => {
    const missing = [{ ...base, aText: undefined }];
    const error = (() => {
      try {
        documentToParquetRow(set, missing[0]!);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.constructor.name).toBe('DocumentError');
    expect(() => storedDocumentsTable(set, columns, missing)).toThrow(error!.message);
  });

  it('falls back for a changelog whose op is not a change op, throwing the validating error', () => {
    const change = { collection: 'Thing', id: 'x1', op: 'upsert', seq: 1, timestamp: new Date(0), shardId: 'shard-0', after: base, before: null, txId: 't', changed: null, synced: false };
    expect(() => storedChangelogTable(set, [change as unknown as ChangeEntry])).toThrow(/_op/);
  });
});

describe('storedValue', () => {
  it('gives the column value documentToParquetRow gives, or undefined where it does not convert', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage, false);
      db.store.createMany('Thing', documents(8));
      const set = schema.collections.get('Thing')!;
      for (const doc of db.store.query('Thing', { limit: 100 }).documents as unknown as Record<string, unknown>[]) {
        const row = documentToParquetRow(set, doc);
        for (const name of ['$id', '$type', '$version', '$createdAt', 'aString', 'anInt', 'aLong', 'aDouble', 'aBool', 'aTimestamp', 'aDate', 'anEnum', 'owner']) {
          expect([name, storedValue(set, name, doc)]).toEqual([name, row[name]]);
        }
        for (const name of ['aDecimal', 'aJson']) expect([name, storedValue(set, name, doc)]).toEqual([name, doc[name] === null ? null : undefined]);
        expect(storedValue(set, 'strings', doc)).toBeUndefined(); // lists are no partition source
        expect(storedValue(set, 'notAField', doc)).toBeNull();
      }
      expect(storedValue(set, 'aTimestamp', { aTimestamp: '2024-01-15T10:30:00Z' })).toBeUndefined();
    });
  });
});

describe('ByteSink.writeText', () => {
  it('writes the UTF-8 of TextEncoder, ASCII and beyond', () => {
    const texts = ['', 'ascii', 'é', 'abc😀def', '\ud800 lone', 'mixed ü then ascii', 'x'.repeat(300) + '日本'];
    const sink = new ByteSink(1);
    for (const text of texts) sink.writeText(text);
    expect(sink.bytes()).toEqual(new TextEncoder().encode(texts.join('')));
  });
});

describe('ColumnMemo', () => {
  it('gives the mirror the changelog’s columns over the same documents, and only over the same', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage, false);
      db.store.createMany('Packed', documents(20));
      const set = schema.collections.get('Packed')!;
      const fieldIds = db.registry.getFieldIds('Packed')!;
      const changes = db.cdc.getUnsyncedChanges(1000).filter((c) => c.collection === 'Packed');
      const images = changes.map((c) => c.after!);
      const columns = generateIcebergSchema(set, fieldIds).fields;
      const memo = new ColumnMemo();
      const changelog = storedChangelogTable(set, changes, { fieldIds, memo });

      const same = storedDocumentsTable(set, columns, [...images], { memo });
      expect(ipc(same)).toEqual(ipc(storedDocumentsTable(set, columns, images)));
      expect(same.getChild('aText')!.data[0]).toBe(changelog.getChild('aText')!.data[0]);
      expect(same.getChild('strings')!.data[0]).toBe(changelog.getChild('strings')!.data[0]);

      const reversed = [...images].reverse();
      const other = storedDocumentsTable(set, columns, reversed, { memo });
      expect(other.getChild('aText')!.data[0]).not.toBe(changelog.getChild('aText')!.data[0]);
      expect(ipc(other)).toEqual(ipc(storedDocumentsTable(set, columns, reversed)));

      // A column the changelog holds with nulls is not taken for a table that requires it: that table goes its own way (and fails as it would alone).
      const strict = columns.map((c) => (c.name === 'aString' ? { ...c, required: true } : c));
      expect(() => storedDocumentsTable(set, strict, [...images], { memo })).toThrow(/aString/);
    });
  });
});
