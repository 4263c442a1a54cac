/**
 * Switching SQLite foreign-key enforcement on a Durable Object.
 *
 * `PRAGMA foreign_keys` is a no-op inside a transaction, and a DO opens an
 * implicit transaction at the first write of an event (measured in workerd:
 * after any write, or after `transactionSync`, the pragma silently keeps its
 * old value). Awaiting `storage.sync()` commits that implicit transaction, after
 * which the pragma takes effect — and persists on the connection.
 */

function foreignKeysEnabled(storage: DurableObjectStorage): boolean {
  const row = storage.sql.exec<{ foreign_keys: number }>('PRAGMA foreign_keys').one();
  return row.foreign_keys === 1;
}

/** Sets foreign-key enforcement; returns whether it now has the wanted value. */
export async function setForeignKeys(storage: DurableObjectStorage, enabled: boolean): Promise<boolean> {
  if (foreignKeysEnabled(storage) === enabled) return true;
  const pragma = `PRAGMA foreign_keys = ${enabled ? 'ON' : 'OFF'}`;
  storage.sql.exec(pragma);
  if (foreignKeysEnabled(storage) === enabled) return true;
  await storage.sync();
  storage.sql.exec(pragma);
  return foreignKeysEnabled(storage) === enabled;
}

/** Current foreign-key enforcement. */
export function readForeignKeys(storage: DurableObjectStorage): boolean {
  return foreignKeysEnabled(storage);
}
