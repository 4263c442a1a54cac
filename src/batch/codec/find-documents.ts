/** Finding documents in a batch by `$id`, reading only each document's leading `$id` bytes. */
import { readTable, type BatchBytes } from './batch-codec.js';
import { readIdBytes } from './value-codec.js';
import { wtf8Length, writeWtf8 } from './wtf8.js';

/**
 * The index of the first document whose `$id` is `id`, or -1. Reads only
 * each document's leading `$id` bytes; nothing else is decoded.
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes.
 * @example
 * findDocumentIndex(encodeBatch([{ $id: 'a' }, { $id: 'b' }]), 'b') // 1
 */
export function findDocumentIndex(bytes: BatchBytes, id: string): number {
  const table = readTable(bytes);
  const wanted = new Uint8Array(wtf8Length(id));
  writeWtf8(id, wanted, 0);
  for (let i = 0; i + 1 < table.offsets.length; i++) {
    const found = readIdBytes(table.reader.range(table.offsets[i]!, table.offsets[i + 1]!));
    if (found !== undefined && sameBytes(found, wanted)) return i;
  }
  return -1;
}

/**
 * For each of `ids`, the index of the first document with that `$id`, or -1:
 * `findDocumentIndex` for many ids at once, reading the offset table and each
 * document's `$id` once (a batch of 128 asked for 10 ids reads 128 ids, not
 * 10 × 128).
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes.
 * @example
 * findDocumentIndexes(encodeBatch([{ $id: 'a' }, { $id: 'b' }]), ['b', 'z']) // [1, -1]
 */
export function findDocumentIndexes(bytes: BatchBytes, ids: readonly string[]): number[] {
  if (ids.length === 1) return [findDocumentIndex(bytes, ids[0]!)];
  const table = readTable(bytes);
  const positions = new Map<string, number>();
  for (let i = 0; i + 1 < table.offsets.length; i++) {
    const r = table.reader.range(table.offsets[i]!, table.offsets[i + 1]!);
    const length = r.varint('the $id length');
    if (length === 0) continue;
    const id = r.wtf8(length - 1, 'the $id');
    if (!positions.has(id)) positions.set(id, i);
  }
  return ids.map((id) => positions.get(id) ?? -1);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
