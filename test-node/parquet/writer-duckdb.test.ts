/**
 * Parquet files from `writeParquet` in Node (parquet-wasm initialised from
 * the bytes of its .wasm file), read by DuckDB: every IceType type reads
 * back to the values written out by hand, `parquet_schema` agrees with
 * `generateParquetSchema` node for node (field ids on every column and
 * list element), every chunk is ZSTD, and the footer's statistics equal
 * the metrics `dataFileMetrics` computed in JS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIcebergSchema, type IcebergPrimitiveType, type IcebergType } from '../../src/iceberg/metadata/index.js';
import {
  arrowTableFor,
  dataFileMetrics,
  generateParquetSchema,
  positionDeletesTable,
  writeParquet,
  type BoundValue,
  type DataFileMetrics,
  type ParquetField,
} from '../../src/parquet/index.js';
import { nodeParquetWasm } from '../../src/parquet/writer/node-wasm.js';
import { timeMicros } from '../../src/parquet/schema/parquet-values.js';
import { openDuckDB, sqlString, type Query } from '../../scripts/support/duckdb.js';
import { EVERY_TYPE_IDS, EveryType, everyTypeRows } from './support/every-type.js';

let dir: string;
let duck: Awaited<ReturnType<typeof openDuckDB>>;
let query: Query;

/** Writes `bytes` to a file in the temp dir and returns its path as a SQL literal. */
function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return sqlString(path);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parquet-writer-'));
  duck = await openDuckDB();
  query = duck.query;
});

afterAll(() => {
  duck.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each column of the every-type file as DuckDB prints it (`::VARCHAR`), written out by hand from the documents. */
const EXPECTED_TEXT: readonly Record<string, string | null>[] = [
  {
    $id: 'a1', $type: 'Every', $version: '1', $createdAt: '2024-01-15 10:30:00.123+00', $updatedAt: '1969-12-31 23:59:59.999+00',
    s: 'alpha', t: 'long text', u: '550e8400-e29b-41d4-a716-446655440000', e: 'green', v: 'abc',
    i: '-7', l: '9007199254740991', bi: '-5', f: '0.5', d: '3.25', b: 'true',
    ts: '2024-01-15 10:30:00.123+00', dt: '2024-01-15', tm: '10:30:00.5', j: '{"a":[1,"x"]}', bin: '\\x00\\xFF\\x07',
    d5: '-1234.5', d10: '-12.30', d20: '1234567890123456.7890', d38: '9'.repeat(38), frac: `-.${'9'.repeat(38)}`,
    tags: '[a, b]', ints: '[1, 2]', times: "['1970-01-01 00:00:00+00', '1969-12-31 23:59:59.999+00']", decs: '[1.5, -0.1]',
    vec: '[0.5, -1.0, 0.25]', ref: 'o1', refs: '[o1, o2]',
  },
  {
    $id: 'a2', $type: 'Every', $version: '2', $createdAt: '2024-01-15 10:30:00.123+00', $updatedAt: '1969-12-31 23:59:59.999+00',
    s: 'z\uff21', t: 'Ωmega', u: null, e: 'red', v: null,
    i: '2147483647', l: '-9007199254740991', bi: '0', f: '-2.5', d: '-1e+300', b: 'false',
    ts: '1900-01-01 00:00:00+00', dt: '1969-12-31', tm: '00:00:00', j: '[1,2]', bin: '',
    d5: '0.1', d10: '99999999.99', d20: '-9999999999999999.9999', d38: `-${'9'.repeat(38)}`, frac: `.5${'0'.repeat(37)}`,
    tags: '[]', ints: '[]', times: '[]', decs: '[]', vec: '[1.0, 2.0, 3.0]', ref: null, refs: '[]',
  },
  {
    $id: 'a3', $type: 'Every', $version: '3', $createdAt: '2024-01-15 10:30:00.123+00', $updatedAt: '1969-12-31 23:59:59.999+00',
    s: 'z\u{1f600}',
    ...Object.fromEntries(['t', 'u', 'e', 'v', 'i', 'l', 'bi', 'f', 'd', 'b', 'ts', 'dt', 'tm', 'j', 'bin', 'd5', 'd10', 'd20', 'd38', 'frac', 'tags', 'ints', 'times', 'decs', 'vec', 'ref', 'refs'].map((k) => [k, null])),
  },
];

/** A DuckDB statistic (`stats_min_value` text) as the typed value `dataFileMetrics` gives. */
function fromDuckText(type: IcebergPrimitiveType, text: string): BoundValue {
  if (type.startsWith('decimal')) return BigInt(text.replace('.', '')); // DuckDB prints exactly S fraction digits
  switch (type) {
    case 'string':
      return text;
    case 'boolean':
      return text === 'true';
    case 'int':
      return Number(text);
    case 'float':
      return Math.fround(Number(text));
    case 'double':
      return Number(text);
    case 'long':
      return BigInt(text);
    case 'date':
      return Date.parse(`${text}T00:00:00Z`) / 86_400_000;
    case 'time':
      return timeMicros(text);
    case 'timestamptz':
      return BigInt(Date.parse(text.replace(' ', 'T').replace('+00', 'Z'))) * 1000n; // the fixture holds whole milliseconds
    case 'binary':
      return Uint8Array.from(text.match(/\\x[0-9A-F]{2}|[^]/g) ?? [], (t) => (t.length === 4 ? parseInt(t.slice(2), 16) : t.charCodeAt(0)));
    default:
      throw new Error(`no DuckDB parse for ${type}`);
  }
}

/** Leaf field id → Iceberg primitive type, list elements included. */
function leafTypes(): Map<number, IcebergPrimitiveType> {
  const out = new Map<number, IcebergPrimitiveType>();
  const visit = (id: number, type: IcebergType): void => {
    if (typeof type === 'string') out.set(id, type);
    else visit(type['element-id'], type.element);
  };
  for (const field of generateIcebergSchema(EveryType).fields) visit(field.id, field.type);
  return out;
}

/** The statistics of each leaf column chunk, keyed by field id (DuckDB lists leaves in schema order, as `column_id`). */
async function footerStats(path: string): Promise<Map<number, Record<string, unknown>[]>> {
  const leaves = await query(`SELECT field_id FROM parquet_schema(${path}) WHERE type IS NOT NULL`);
  const chunks = await query(`SELECT * FROM parquet_metadata(${path}) ORDER BY row_group_id, column_id`);
  const out = new Map<number, Record<string, unknown>[]>();
  for (const chunk of chunks) {
    const id = Number(leaves[Number(chunk['column_id'])]!['field_id']);
    out.set(id, [...(out.get(id) ?? []), chunk]);
  }
  return out;
}

describe('DuckDB reads what writeParquet writes (Node, parquet-wasm from the .wasm bytes)', () => {
  const table = arrowTableFor(EveryType, everyTypeRows());
  const metrics: DataFileMetrics = dataFileMetrics(table);
  let every: string;
  beforeAll(() => {
    every = file('every.parquet', writeParquet(table, { wasm: nodeParquetWasm }));
  });

  it('reads every IceType type back to the values written out by hand', async () => {
    const rows = await query(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${every}) ORDER BY "$id"`);
    expect(rows).toEqual(EXPECTED_TEXT);
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${every}))`);
    expect(Object.fromEntries(types.map((r) => [r['column_name'], r['column_type']]))).toMatchObject({
      $version: 'BIGINT', $createdAt: 'TIMESTAMP WITH TIME ZONE', i: 'INTEGER', f: 'FLOAT', d: 'DOUBLE', b: 'BOOLEAN', dt: 'DATE', tm: 'TIME',
      bin: 'BLOB', d5: 'DECIMAL(5,1)', d20: 'DECIMAL(20,4)', frac: 'DECIMAL(38,38)', tags: 'VARCHAR[]', vec: 'FLOAT[]', times: 'TIMESTAMP WITH TIME ZONE[]',
    });
  });

  it('has the field id of every column and list element, and matches generateParquetSchema node for node', async () => {
    const nodes = await query(`SELECT name, type, type_length, repetition_type, converted_type, precision, scale, field_id FROM parquet_schema(${every})`);
    const flat = (fields: readonly ParquetField[]): Record<string, unknown>[] =>
      fields.flatMap((f) => [
        {
          name: f.name,
          type: f.kind === 'primitive' ? f.type : null,
          type_length: f.kind === 'primitive' && f.typeLength !== undefined ? String(f.typeLength) : null,
          repetition_type: f.repetition,
          converted_type: f.logicalType === undefined ? null : { STRING: 'UTF8', DATE: 'DATE', TIME: 'TIME_MICROS', TIMESTAMP: 'TIMESTAMP_MICROS', DECIMAL: 'DECIMAL', LIST: 'LIST' }[f.logicalType.type],
          precision: f.logicalType?.type === 'DECIMAL' ? BigInt(f.logicalType.precision) : null,
          scale: f.logicalType?.type === 'DECIMAL' ? BigInt(f.logicalType.scale) : null,
          field_id: f.fieldId === undefined ? null : BigInt(f.fieldId),
        },
        ...(f.kind === 'group' ? flat(f.fields) : []),
      ]);
    expect(nodes.slice(1)).toEqual(flat(generateParquetSchema(EveryType).fields)); // row 0 is the root
    const ids = nodes.filter((n) => n['field_id'] !== null).map((n) => Number(n['field_id']));
    expect(ids.sort((a, b) => a - b)).toEqual(Object.values(EVERY_TYPE_IDS).sort((a, b) => a - b));
  });

  it('compresses every column chunk with ZSTD, and counts the rows', async () => {
    const codecs = await query(`SELECT DISTINCT compression FROM parquet_metadata(${every})`);
    expect(codecs).toEqual([{ compression: 'ZSTD' }]);
    expect(await query(`SELECT num_rows FROM parquet_file_metadata(${every})`)).toEqual([{ num_rows: 3n }]);
    expect(await query(`SELECT count(*) AS n FROM read_parquet(${every})`)).toEqual([{ n: 3n }]);
    expect(metrics.recordCount).toBe(3);
  });

  it("has footer statistics equal to dataFileMetrics: values, nulls, min and max of every column", async () => {
    const stats = await footerStats(every);
    const types = leafTypes();
    expect([...stats.keys()].sort((a, b) => a - b)).toEqual([...metrics.valueCounts.keys()].sort((a, b) => a - b));
    for (const [id, [chunk]] of stats) {
      const where = `field ${id}`;
      expect([where, Number(chunk!['num_values'])]).toEqual([where, metrics.valueCounts.get(id)]);
      expect([where, Number(chunk!['stats_null_count'])]).toEqual([where, metrics.nullValueCounts.get(id)]);
      if (!metrics.lowerBounds.has(id)) continue; // list elements: Iceberg keeps no bounds
      const type = types.get(id)!;
      expect([where, fromDuckText(type, chunk!['stats_min_value'] as string)]).toEqual([where, metrics.lowerBounds.get(id)]);
      expect([where, fromDuckText(type, chunk!['stats_max_value'] as string)]).toEqual([where, metrics.upperBounds.get(id)]);
    }
    expect(metrics.lowerBounds.size).toBe(27); // every top-level primitive has a value in some row
  });

  it('splits row groups at rowGroupSize, the chunks adding up to the same counts', async () => {
    const path = file('groups.parquet', writeParquet(table, { wasm: nodeParquetWasm, rowGroupSize: 2, compression: 'snappy' }));
    expect(await query(`SELECT num_rows, num_row_groups FROM parquet_file_metadata(${path})`)).toEqual([{ num_rows: 3n, num_row_groups: 2n }]);
    const stats = await footerStats(path);
    for (const [id, chunks] of stats) {
      expect(chunks.reduce((sum, c) => sum + Number(c['num_values']), 0)).toBe(metrics.valueCounts.get(id));
      expect(chunks.reduce((sum, c) => sum + Number(c['stats_null_count']), 0)).toBe(metrics.nullValueCounts.get(id));
    }
    expect(await query(`SELECT DISTINCT compression FROM parquet_metadata(${path})`)).toEqual([{ compression: 'SNAPPY' }]);
    expect(await query(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${path}) ORDER BY "$id"`)).toEqual(EXPECTED_TEXT);
  });

  it('lets DuckDB project by field id, whatever the column is named', async () => {
    const rows = await query(`SELECT renamed FROM read_parquet(${every}, schema = MAP { 6: { name: 'renamed', type: 'VARCHAR', default_value: NULL } }) ORDER BY renamed`);
    expect(rows.map((r) => r['renamed'])).toEqual(['alpha', 'z\uff21', 'z\u{1f600}']);
  });

  it('reads the changelog columns with their reserved ids', async () => {
    const [a1, a2] = everyTypeRows();
    const change = { _ts: 1705314600123000n, _shard: 'shard-7' };
    const rows = [
      { ...a1!, ...change, _op: 'insert' as const, _seq: 10n },
      { ...a2!, ...change, _op: 'update' as const, _seq: 11n },
      { $id: 'a3', ...change, _op: 'delete' as const, _seq: 12n }, // no before image: only the $id
    ];
    const path = file('changelog.parquet', writeParquet(arrowTableFor(EveryType, rows, { changelog: true }), { wasm: nodeParquetWasm }));
    const ids = await query(`SELECT name, field_id FROM parquet_schema(${path}) WHERE name LIKE '\\_%' ESCAPE '\\'`);
    expect(ids).toEqual([
      { name: '_op', field_id: 2_000_000_001n },
      { name: '_seq', field_id: 2_000_000_002n },
      { name: '_ts', field_id: 2_000_000_003n },
      { name: '_shard', field_id: 2_000_000_004n },
    ]);
    expect(await query(`SELECT "$id", s, _op, _seq, _ts::VARCHAR AS _ts, _shard FROM read_parquet(${path}) ORDER BY _seq`)).toEqual([
      { $id: 'a1', s: 'alpha', _op: 'insert', _seq: 10n, _ts: '2024-01-15 10:30:00.123+00', _shard: 'shard-7' },
      { $id: 'a2', s: 'z\uff21', _op: 'update', _seq: 11n, _ts: '2024-01-15 10:30:00.123+00', _shard: 'shard-7' },
      { $id: 'a3', s: null, _op: 'delete', _seq: 12n, _ts: '2024-01-15 10:30:00.123+00', _shard: 'shard-7' },
    ]);
  });

  it('reads position-delete files: the reserved ids, rows in file path then position order, statistics equal to the metrics', async () => {
    const deletes = positionDeletesTable([
      { filePath: 's3://w/t/data/z\u{1f600}.parquet', pos: 0 },
      { filePath: 's3://w/t/data/a.parquet', pos: 12n },
      { filePath: 's3://w/t/data/z\uff21.parquet', pos: 3 },
      { filePath: 's3://w/t/data/a.parquet', pos: 2 },
    ]);
    const path = file('deletes.parquet', writeParquet(deletes, { wasm: nodeParquetWasm }));
    expect(await query(`SELECT name, type, repetition_type, field_id FROM parquet_schema(${path}) WHERE type IS NOT NULL`)).toEqual([
      { name: 'file_path', type: 'BYTE_ARRAY', repetition_type: 'REQUIRED', field_id: 2147483546n },
      { name: 'pos', type: 'INT64', repetition_type: 'REQUIRED', field_id: 2147483545n },
    ]);
    // Read in file order (no ORDER BY): the file itself is sorted.
    expect(await query(`SELECT file_path, pos FROM read_parquet(${path})`)).toEqual([
      { file_path: 's3://w/t/data/a.parquet', pos: 2n },
      { file_path: 's3://w/t/data/a.parquet', pos: 12n },
      { file_path: 's3://w/t/data/z\uff21.parquet', pos: 3n },
      { file_path: 's3://w/t/data/z\u{1f600}.parquet', pos: 0n },
    ]);
    const m = dataFileMetrics(deletes);
    const stats = await footerStats(path);
    expect(stats.get(2147483546)![0]).toMatchObject({ num_values: 4n, stats_min_value: m.lowerBounds.get(2147483546), stats_max_value: m.upperBounds.get(2147483546) });
    expect(stats.get(2147483545)![0]).toMatchObject({ num_values: 4n, stats_min_value: String(m.lowerBounds.get(2147483545)), stats_max_value: String(m.upperBounds.get(2147483545)) });
  });
});
