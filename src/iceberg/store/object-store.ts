import { IceTypeError } from '../../errors.js';

/**
 * Where Iceberg tables live (DESIGN.md §5): a flat key → bytes store with the
 * one primitive an Iceberg commit needs beyond plain writes — create-only
 * puts, so two writers cannot both commit `vN.metadata.json`. An R2 bucket
 * binding in Workers (`r2ObjectStore`), a directory in Node
 * (`directoryObjectStore`, from `drizzle-icetype/node`), or anything else
 * that keeps these promises.
 */
export interface ObjectStore {
  /** The object's bytes, or `null` when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Writes the object, replacing any. */
  put(key: string, body: Uint8Array | string): Promise<void>;
  /** Writes the object only if no object has this key; `false` (and nothing written) when one does. */
  putIfAbsent(key: string, body: Uint8Array | string): Promise<boolean>;
  /** The keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes the objects (missing ones are fine). */
  delete(keys: readonly string[]): Promise<void>;
}

/** Keys are `/`-separated paths without `.` or `..` segments, empty segments or a leading `/`. */
export function checkObjectKey(key: string): void {
  const segments = key.split('/');
  if (key.length === 0 || key.length > 1024 || segments.some((s) => s === '' || s === '.' || s === '..') || /[\u0000-\u001f\\]/.test(key)) {
    throw new ObjectStoreError('INVALID_KEY', `expected an object key of "/"-separated names (no empty, "." or ".." segments, no control characters or "\\", at most 1,024 characters), found ${key.length === 0 ? 'an empty key' : `a key of ${key.length} characters that is not`}`);
  }
}


/** Why an object-store call failed. */
export type ObjectStoreErrorCode = 'INVALID_KEY' | 'STORE_FAILED';

/** A failed object-store call; `cause` holds the underlying error. */
export class ObjectStoreError extends IceTypeError {
  override readonly name = 'ObjectStoreError';
  constructor(
    override readonly code: ObjectStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
