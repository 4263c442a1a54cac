import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('runs inside a SQLite-backed DO', async () => {
  const stub = env.TEST_DO.get(env.TEST_DO.idFromName('smoke'));
  const n = await runInDurableObject(stub, (_i, state) => {
    state.storage.sql.exec('CREATE TABLE t (a INTEGER)');
    const c = state.storage.sql.exec('INSERT INTO t VALUES (1), (2)');
    c.toArray();
    return c.rowsWritten;
  });
  expect(n).toBe(2);
});
