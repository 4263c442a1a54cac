import type { IceTypeSchema } from '../../icetype/ast.js';
import { CHANGELOG_FIELDS } from '../../parquet/writer/changelog-columns.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { generateIcebergSchema, generateTableMetadata, type IcebergSchema, type IcebergTableMetadata } from '../metadata/index.js';
import { currentSchema } from '../table/prepare-snapshot.js';
import type { TableKind } from '../table/table-log.js';

/**
 * The schemas of a collection's two tables (DESIGN.md §5) and their
 * evolution (Iceberg spec "Schema Evolution": by field id).
 *
 * - The **changelog** has the document's fields plus `_op`, `_seq`, `_ts`,
 *   `_shard`; every column but `$id` is optional (a delete without a
 *   before image knows only its `$id`), and there is no identifier field:
 *   a document has a row per change.
 * - The **mirror** has the collection's own Iceberg schema: identifier
 *   field `$id`, required flags as declared.
 */

/** The schema of a collection's `kind` table at `schemaId`, field ids from the registry. */
export function tableSchema(kind: TableKind, schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined, schemaId: number): IcebergSchema {
  const base = generateIcebergSchema(schema, fieldIds, schemaId);
  if (kind === 'mirror') return base;
  return {
    type: 'struct',
    'schema-id': schemaId,
    'identifier-field-ids': [],
    fields: [...base.fields.map((field) => (field.name === '$id' ? field : { ...field, required: false })), ...CHANGELOG_FIELDS],
  };
}

/** Two schemas with the same columns: ids, names, types and nullability (docs aside). */
export function sameColumns(a: IcebergSchema, b: IcebergSchema): boolean {
  const key = (s: IcebergSchema) => JSON.stringify(s.fields.map(({ id, name, required, type }) => [id, name, required, type]));
  return key(a) === key(b);
}

/** A new `kind` table's metadata: the collection's partition spec and sort orders over the table's schema. */
export function newTableMetadata(kind: TableKind, schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined, location: string, now: Date): IcebergTableMetadata {
  const metadata = generateTableMetadata(schema, { location, ...(fieldIds === undefined ? {} : { fieldIds }), lastUpdatedMs: now.getTime() });
  const columns = tableSchema(kind, schema, fieldIds, 0);
  return {
    ...metadata,
    schemas: [columns],
    'last-column-id': Math.max(metadata['last-column-id'], ...columns.fields.map((f) => f.id)),
    properties: { ...metadata.properties, 'icetype.table-kind': kind, 'icetype.collection': schema.name },
  };
}

/**
 * The metadata with the collection's current schema for its `kind` table:
 * unchanged when the columns are the same, else the new schema added with
 * the next schema id and made current — old data files keep their field
 * ids, so readers still read them. A field is required only if it was
 * already: one new to the table is optional there whatever the collection
 * declares, as files written before it lack the column (a v2 table cannot
 * add a required column, nor make an optional one required).
 */
export function withCurrentSchema(metadata: IcebergTableMetadata, kind: TableKind, schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined): IcebergTableMetadata {
  const current = currentSchema(metadata);
  const required = new Set(current.fields.filter((f) => f.required).map((f) => f.id));
  const declared = tableSchema(kind, schema, fieldIds, current['schema-id']);
  const next = { ...declared, fields: declared.fields.map((f) => (f.required && !required.has(f.id) ? { ...f, required: false } : f)) };
  if (sameColumns(current, next)) return metadata;
  const schemaId = Math.max(...metadata.schemas.map((s) => s['schema-id'])) + 1;
  const added = { ...next, 'schema-id': schemaId };
  return {
    ...metadata,
    schemas: [...metadata.schemas, added],
    'current-schema-id': schemaId,
    'last-column-id': Math.max(metadata['last-column-id'], ...added.fields.map((f) => f.id)),
  };
}
