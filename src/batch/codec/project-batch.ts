import type { NormalizedDocument } from '../../store/values/normalized-document.js';
import { decodeOne, readTable, type BatchBytes } from './batch-codec.js';
import { readFields } from './read-fields.js';

/**
 * Each document of a batch read for its fields in `names` only (see
 * `readFields`); `full(i)` decodes document i whole. For filtering a batch
 * before decoding the documents that match.
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes.
 * @example
 * const batch = projectBatch(blob, new Set(['kind']));
 * const hits = batch.projected.flatMap((doc, i) => (doc.kind === 'refund' ? [batch.full(i)] : []));
 */
export function projectBatch(bytes: BatchBytes, names: ReadonlySet<string>): { readonly projected: NormalizedDocument[]; readonly full: (index: number) => NormalizedDocument } {
  const table = readTable(bytes);
  const projected: NormalizedDocument[] = [];
  for (let i = 0; i + 1 < table.offsets.length; i++) projected.push(readFields(table.reader.range(table.offsets[i]!, table.offsets[i + 1]!), names));
  return { projected, full: (index) => decodeOne(table, index) };
}
