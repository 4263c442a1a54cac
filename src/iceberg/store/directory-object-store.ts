import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { checkObjectKey, ObjectStoreError, type ObjectStore } from './object-store.js';

/**
 * An `ObjectStore` over a directory, for Node: the standard Iceberg table
 * layout as plain files (`<root>/<namespace>/<table>/metadata/…`), readable
 * by DuckDB, Spark or pyiceberg straight from disk. Writes go to a temporary
 * file renamed into place, so a reader never sees half a file; create-only
 * puts use the `wx` flag (`O_CREAT | O_EXCL`), atomic on local file systems.
 *
 * @example
 * import { directoryObjectStore } from 'drizzle-icetype/node';
 * const store = directoryObjectStore('.demo/warehouse');
 */
export function directoryObjectStore(root: string): ObjectStore {
  const pathOf = (key: string): string => {
    checkObjectKey(key);
    return join(root, ...key.split('/'));
  };
  const failed = (what: string, key: string, cause: unknown): ObjectStoreError =>
    new ObjectStoreError('STORE_FAILED', `expected to ${what} ${key} under ${root}, found an error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  let temporary = 0;
  return {
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw failed('read', key, cause);
      }
    },
    async put(key, body) {
      const path = pathOf(key);
      const staging = `${path}.${process.pid}.${temporary++}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(staging, body);
        await rename(staging, path);
      } catch (cause) {
        await rm(staging, { force: true });
        throw failed('write', key, cause);
      }
    },
    async putIfAbsent(key, body) {
      const path = pathOf(key);
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, body, { flag: 'wx' });
        return true;
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw failed('create', key, cause);
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      const walk = async (dir: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (cause) {
          if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw failed('list', prefix, cause);
        }
        for (const entry of entries) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) await walk(path);
          else if (!entry.name.endsWith('.tmp')) keys.push(relative(root, path).split(sep).join('/'));
        }
      };
      await walk(root);
      return keys.filter((key) => key.startsWith(prefix)).sort();
    },
    async delete(keys) {
      for (const key of keys) {
        try {
          await rm(pathOf(key), { force: true });
        } catch (cause) {
          throw failed('delete', key, cause);
        }
      }
    },
  };
}
