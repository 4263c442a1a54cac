/**
 * A schema with every `onDelete` action, for the integrity tests: folders
 * nest (cascade), files live in folders (cascade) and carry tags (a list,
 * set null) and an owner (set null), pins restrict deleting their file.
 * Opened with every collection on rows, all batched, or mixed.
 */
import { defineSchema, drizzle, migrate, type IceTypeSchemaSet } from '../../src/index.js';
import { createTablesSql } from '../search/support.js';

const definition = {
  Folder: {
    name: 'string!',
    parent: { type: '-> Folder', onDelete: 'cascade' },
    files: '<- File.folder[]',
  },
  File: {
    name: 'string!',
    folder: { type: '-> Folder!', onDelete: 'cascade' },
    tags: { type: '-> Tag[]', onDelete: 'set null' },
    owner: { type: '-> Person', onDelete: 'set null' },
  },
  Tag: { name: 'string!' },
  Person: { name: 'string!' },
  Pin: { note: 'string', file: '-> File!' },
} as const;

const batched = <K extends keyof typeof definition>(name: K) => ({ ...definition[name], $storage: 'batched' as const });

export const INTEGRITY_LAYOUTS = {
  rows: defineSchema(definition),
  batched: defineSchema({ Folder: batched('Folder'), File: batched('File'), Tag: batched('Tag'), Person: batched('Person'), Pin: batched('Pin') } as const),
  mixed: defineSchema({ ...definition, File: batched('File'), Person: batched('Person') } as const),
};

export async function openIntegrity(storage: DurableObjectStorage, set: IceTypeSchemaSet<typeof definition>) {
  for (const ddl of createTablesSql(set)) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema: set as typeof INTEGRITY_LAYOUTS.rows });
  await migrate(db, { migrations: {} });
  return db;
}

export type IntegrityDb = Awaited<ReturnType<typeof openIntegrity>>;

/** Every edge, sorted, as `from.rel → to (ordinal)` strings. */
export function edgeList(storage: DurableObjectStorage): string[] {
  return storage.sql
    .exec<{ from_type: string; from_id: string; rel: string; to_type: string; to_id: string; ordinal: number }>('SELECT * FROM _rels')
    .toArray()
    .map((e) => `${e.from_type}:${e.from_id}.${e.rel} -> ${e.to_type}:${e.to_id} #${e.ordinal}`)
    .sort();
}
