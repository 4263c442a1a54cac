import { checkObjectKey, ObjectStoreError, type ObjectStore } from './object-store.js';

/**
 * An `ObjectStore` over an R2 bucket binding. Create-only puts use R2's
 * conditional put (`If-None-Match: *`): R2 answers `null` instead of writing
 * when an object has the key, atomically — which is what makes an Iceberg
 * commit (`vN.metadata.json`) safe against a concurrent writer.
 *
 * @example
 * const store = r2ObjectStore(env.WAREHOUSE, 'warehouse/');
 */
export function r2ObjectStore(bucket: R2Bucket, prefix = ''): ObjectStore {
  const full = (key: string): string => {
    checkObjectKey(key);
    return `${prefix}${key}`;
  };
  const failed = (what: string, key: string, cause: unknown): ObjectStoreError =>
    new ObjectStoreError('STORE_FAILED', `expected R2 to ${what} ${key}, found an error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  return {
    async get(key) {
      const path = full(key);
      try {
        const object = await bucket.get(path);
        return object === null ? null : new Uint8Array(await object.arrayBuffer());
      } catch (cause) {
        throw failed('read', path, cause);
      }
    },
    async put(key, body) {
      const path = full(key);
      try {
        await bucket.put(path, body);
      } catch (cause) {
        throw failed('write', path, cause);
      }
    },
    async putIfAbsent(key, body) {
      const path = full(key);
      try {
        return (await bucket.put(path, body, { onlyIf: new Headers({ 'if-none-match': '*' }) })) !== null;
      } catch (cause) {
        throw failed('create', path, cause);
      }
    },
    async list(listPrefix) {
      const keys: string[] = [];
      let cursor: string | undefined;
      try {
        do {
          const page = await bucket.list({ prefix: `${prefix}${listPrefix}`, ...(cursor === undefined ? {} : { cursor }) });
          for (const object of page.objects) keys.push(object.key.slice(prefix.length));
          cursor = page.truncated ? page.cursor : undefined;
        } while (cursor !== undefined);
      } catch (cause) {
        throw failed('list', `${prefix}${listPrefix}`, cause);
      }
      return keys.sort();
    },
    async delete(keys) {
      if (keys.length === 0) return;
      const paths = keys.map(full);
      try {
        // R2 deletes at most 1,000 keys per call.
        for (let i = 0; i < paths.length; i += 1000) await bucket.delete(paths.slice(i, i + 1000));
      } catch (cause) {
        throw failed('delete', paths[0]!, cause);
      }
    },
  };
}
