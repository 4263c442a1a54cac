/**
 * DuckDB (`@duckdb/node-api`), a Parquet reader we did not write, opened in
 * memory with UTC as its time zone so `timestamptz` values print as `+00`.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Rows of a query, values as DuckDB's JS conversion gives them (BIGINT as bigint). */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** An in-memory DuckDB; `close` ends the connection. */
export async function openDuckDB(): Promise<{ readonly query: Query; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return {
    query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A path as a SQL string literal. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
