/**
 * `writeParquet` in workerd, with parquet-wasm loaded as the imported
 * `.wasm` module: the file is Parquet (magic bytes), ZSTD by default in
 * every column chunk of the footer, its options take effect, and what
 * parquet-wasm reads back is the table written — field ids and the
 * metrics computed from it included.
 */
import { tableFromIPC, type Field, type List, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  arrowTableFor,
  dataFileMetrics,
  ParquetWriteError,
  positionDeletesTable,
  writeParquet,
  type ParquetCompression,
  type ParquetRow,
} from '../../src/parquet/index.js';
import { workerdParquetWasm } from '../../src/parquet/writer/workerd-wasm.js';
import { EVERY_TYPE_IDS, EveryType, everyTypeRows } from '../../test-node/parquet/support/every-type.js';
import { thrown } from '../iceberg/support.js';

const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
const wasm = workerdParquetWasm;

/** The codec of every column chunk, from the footer as parquet-wasm reads it. */
async function codecs(bytes: Uint8Array): Promise<string[]> {
  const { Compression, ParquetFile } = wasm();
  const file = await ParquetFile.fromFile(new Blob([bytes]));
  return file
    .metadata()
    .rowGroups()
    .flatMap((group) => group.columns().map((column) => Compression[column.compression()]!));
}

/** The file read back by parquet-wasm as an Arrow JS table. */
function readBack(bytes: Uint8Array): Table {
  return tableFromIPC(wasm().readParquet(bytes).intoIPCStream());
}

function ids(table: Table): Record<string, number> {
  const out: Record<string, number> = {};
  const id = (f: Field): number => Number(f.metadata.get('PARQUET:field_id'));
  for (const field of table.schema.fields) {
    out[field.name] = id(field);
    if (field.typeId === 12) out[`${field.name}.element`] = id((field.type as List).children[0]!);
  }
  return out;
}

describe('writeParquet', () => {
  const table = arrowTableFor(EveryType, everyTypeRows());
  const bytes = writeParquet(table, { wasm });

  it('writes a Parquet file: PAR1 at both ends, a footer between', () => {
    expect(bytes.length).toBeGreaterThan(1000);
    expect(ascii(bytes.subarray(0, 4))).toBe('PAR1');
    expect(ascii(bytes.subarray(-4))).toBe('PAR1');
  });

  it('compresses every column chunk with ZSTD by default, and with the codec asked for', async () => {
    expect(await codecs(bytes)).toEqual(Array(39 - 6).fill('ZSTD'));
    for (const [compression, codec] of [['snappy', 'SNAPPY'], ['uncompressed', 'UNCOMPRESSED'], ['zstd', 'ZSTD']] as const) {
      expect(new Set(await codecs(writeParquet(table, { wasm, compression })))).toEqual(new Set([codec]));
    }
  });

  it('keeps parquet-rs as created_by, writes the key-value metadata given, and splits row groups at rowGroupSize', async () => {
    const file = await wasm().ParquetFile.fromFile(new Blob([writeParquet(table, { wasm, rowGroupSize: 2, keyValueMetadata: { 'iceberg.schema': '{}' } })]));
    const metadata = file.metadata();
    expect(metadata.fileMetadata().createdBy()).toMatch(/^parquet-rs version /);
    expect(metadata.fileMetadata().keyValueMetadata().get('iceberg.schema')).toBe('{}');
    expect(metadata.rowGroups().map((g) => g.numRows())).toEqual([2, 1]);
    expect(metadata.fileMetadata().numRows()).toBe(3);
  });

  it('reads back as the table written: field ids on every field and list element, values, and the same metrics', () => {
    const back = readBack(bytes);
    expect(ids(back)).toEqual(EVERY_TYPE_IDS);
    expect(back.numRows).toBe(3);
    expect([...back.getChild('s')!]).toEqual(['alpha', 'z\uff21', 'z\u{1f600}']);
    expect([...back.getChild('ts')!.data[0]!.values].slice(0, 2)).toEqual([1705314600123000n, -2208988800000000n]);
    expect(dataFileMetrics(back)).toEqual(dataFileMetrics(table));
  });

  it('does not consume the table: writing it again gives the same bytes', () => {
    expect(writeParquet(table, { wasm })).toEqual(bytes);
  });

  it('writes changelog and position-delete tables', () => {
    const rows = everyTypeRows().map((row, i) => ({ ...row, _op: 'update' as const, _seq: BigInt(i + 1), _ts: 5n, _shard: 'shard-0' }));
    const changelog = readBack(writeParquet(arrowTableFor(EveryType, rows, { changelog: true }), { wasm }));
    expect(ids(changelog)).toMatchObject({ _op: 2_000_000_001, _seq: 2_000_000_002, _ts: 2_000_000_003, _shard: 2_000_000_004 });
    expect([...changelog.getChild('_seq')!]).toEqual([1n, 2n, 3n]);

    const deletes = readBack(writeParquet(positionDeletesTable([{ filePath: 'b', pos: 1 }, { filePath: 'a', pos: 2 }, { filePath: 'a', pos: 1 }]), { wasm }));
    expect(ids(deletes)).toEqual({ file_path: 2147483546, pos: 2147483545 });
    expect(deletes.toArray().map((r) => [r.file_path, r.pos])).toEqual([['a', 1n], ['a', 2n], ['b', 1n]]);
  });

  it('initialises parquet-wasm once: the loader returns the same module every time', () => {
    expect(wasm()).toBe(wasm());
  });

  it('refuses an unknown codec and a row group size that is not a positive whole number', () => {
    const lzo = thrown(() => writeParquet(table, { wasm, compression: 'lzo' as ParquetCompression }));
    expect(lzo).toBeInstanceOf(ParquetWriteError);
    expect([lzo.code, lzo.message]).toEqual(['INVALID_OPTION', `parquet writer: expected compression 'zstd', 'snappy' or 'uncompressed', found "lzo"`]);
    expect(thrown(() => writeParquet(table, { wasm, rowGroupSize: 0 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => writeParquet(table, { wasm, rowGroupSize: 1.5 })).code).toBe('INVALID_OPTION');
  });

  it('writes an empty table', () => {
    const empty = readBack(writeParquet(arrowTableFor(EveryType, [] as ParquetRow[]), { wasm }));
    expect(empty.numRows).toBe(0);
    expect(ids(empty)).toEqual(EVERY_TYPE_IDS);
  });
});
