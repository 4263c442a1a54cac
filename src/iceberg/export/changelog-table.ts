import type { IceTypeSchema } from '../../icetype/ast.js';
import { CHANGELOG_FIELDS } from '../../parquet/writer/changelog-columns.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { generateIcebergSchema, generateTableMetadata, type IcebergSchema, type IcebergTableMetadata } from '../metadata/index.js';

/**
 * The changelog table of a collection (DESIGN.md §5): append-only, one row
 * per change — the document's fields plus `_op`, `_seq`, `_ts`, `_shard`.
 * Every column but `$id` is optional here (a delete without a before image
 * knows only its `$id`), and there is no identifier field: a document has
 * a row per change.
 */

/** The changelog schema of a collection at `schemaId`, field ids from the registry. */
export function changelogSchema(schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined, schemaId: number): IcebergSchema {
  const base = generateIcebergSchema(schema, fieldIds, schemaId);
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

/** A new changelog table's metadata: the collection's partition spec and sort orders over the changelog schema. */
export function changelogMetadata(schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined, location: string, now: Date): IcebergTableMetadata {
  const metadata = generateTableMetadata(schema, { location, ...(fieldIds === undefined ? {} : { fieldIds }), lastUpdatedMs: now.getTime() });
  const columns = changelogSchema(schema, fieldIds, 0);
  return {
    ...metadata,
    schemas: [columns],
    'last-column-id': Math.max(metadata['last-column-id'], ...columns.fields.map((f) => f.id)),
    properties: { ...metadata.properties, 'icetype.table-kind': 'changelog', 'icetype.collection': schema.name },
  };
}

/**
 * The metadata with the collection's current changelog schema: unchanged
 * when the columns are the same, else the new schema added with the next
 * schema id and made current — old data files keep their field ids, so
 * readers still read them (Iceberg schema evolution by id).
 */
export function withCurrentSchema(metadata: IcebergTableMetadata, schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined): IcebergTableMetadata {
  const current = metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id'])!;
  const next = changelogSchema(schema, fieldIds, current['schema-id']);
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
