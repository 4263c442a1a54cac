/**
 * Position-delete files (Iceberg spec "Position Delete Files"): rows
 * `file_path`, `pos` with the spec's reserved field ids, sorted by file path
 * then position, as the spec requires of writers.
 */
import type { Table } from 'apache-arrow';
import type { IcebergField } from '../../iceberg/metadata/iceberg-schema.js';
import { describeFound } from '../../store/values/describe-found.js';
import { arrowTableOf } from './arrow-table.js';
import { ParquetWriteError } from './parquet-write-error.js';

/** `file_path`: the data file's full location (spec "Reserved Field IDs"). */
export const DELETE_FILE_PATH_FIELD_ID = 2147483546;
/** `pos`: the 0-based row position in that file. */
export const DELETE_POS_FIELD_ID = 2147483545;

/** The columns of a position-delete file (without the optional `row`). */
export const POSITION_DELETE_FIELDS: readonly IcebergField[] = [
  { id: DELETE_FILE_PATH_FIELD_ID, name: 'file_path', required: true, type: 'string' },
  { id: DELETE_POS_FIELD_ID, name: 'pos', required: true, type: 'long' },
];

/** One deleted row: which data file, which position. */
export interface PositionDelete {
  readonly filePath: string;
  readonly pos: bigint | number;
}

/**
 * Compares strings by code point, which is the byte order of their UTF-8
 * (Java's Iceberg sorts `file_path` by code point; JS `<` compares UTF-16
 * units, which differs once a surrogate pair meets U+E000–U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF: move them above U+E000–U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The Arrow table of a position-delete file: `file_path` (Utf8, id
 * 2147483546) and `pos` (Int64, id 2147483545), both required, sorted by
 * file path (code point order) then position. `pos` may be a number; it is
 * written as a long. Throws `ParquetWriteError` (`TYPE_MISMATCH`,
 * `OUT_OF_RANGE`) for an entry without a string path or with a position
 * that is not a whole number from 0 to 2^63 − 1, naming its index.
 *
 * @example
 * positionDeletesTable([{ filePath: 's3://b/t/data/b.parquet', pos: 3 }, { filePath: 's3://b/t/data/a.parquet', pos: 7n }])
 * // rows: ('s3://b/t/data/a.parquet', 7n), ('s3://b/t/data/b.parquet', 3n)
 */
export function positionDeletesTable(entries: readonly PositionDelete[]): Table {
  const rows = entries.map(({ filePath, pos }, row) => {
    const context = { collection: 'position deletes', row };
    if (typeof filePath !== 'string') {
      throw new ParquetWriteError('TYPE_MISMATCH', `expected filePath to be a string, found ${describeFound(filePath)}`, { ...context, column: 'file_path' });
    }
    const whole = typeof pos === 'bigint' || Number.isSafeInteger(pos);
    if (!whole || pos < 0 || BigInt.asIntN(64, BigInt(pos)) !== BigInt(pos)) {
      const problem = whole ? 'out of range' : '';
      throw new ParquetWriteError(whole ? 'OUT_OF_RANGE' : 'TYPE_MISMATCH', `expected pos to be a whole number from 0 to 2^63-1, found ${describeFound(pos)} ${problem}`.trimEnd(), { ...context, column: 'pos' });
    }
    return { file_path: filePath, pos: BigInt(pos) };
  });
  rows.sort((a, b) => compareCodePoints(a.file_path, b.file_path) || (a.pos < b.pos ? -1 : a.pos > b.pos ? 1 : 0));
  return arrowTableOf(POSITION_DELETE_FIELDS, rows, 'position deletes');
}
