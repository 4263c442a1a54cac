/**
 * The `ArrayBuffer` DO SQLite binds as a BLOB for `bytes`: its own buffer
 * when the view covers all of it (no copy — encoders return such arrays),
 * else a copy of just the viewed bytes (SQLite would bind the whole buffer).
 *
 * @example
 * sql.exec('INSERT INTO t (data) VALUES (?)', blobOf(encodeBatch(docs)));
 */
export function blobOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
