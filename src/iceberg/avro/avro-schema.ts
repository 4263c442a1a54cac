/**
 * The Avro schema model (Avro 1.11 specification, "Schema Declaration"):
 * the JSON form of a schema as TypeScript types. Attributes that Avro does
 * not define (Iceberg's `field-id`, `element-id`, `key-id`, `value-id`,
 * `adjust-to-utc`, …) are kept as written, because the schema is stored in
 * the file as `JSON.stringify(schema)` and Iceberg readers find ids there.
 */

/** The primitive type names. */
export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** Attributes Avro does not interpret; written to the file exactly as given. */
export interface AvroAttributes {
  readonly [attribute: string]: unknown;
}

/**
 * A primitive in object form, usually to carry a logical type:
 * `{ type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true }`.
 * Values are encoded as the primitive (a timestamp is its long).
 */
export interface AvroPrimitiveSchema extends AvroAttributes {
  readonly type: AvroPrimitiveName;
  readonly logicalType?: string;
}

/** A record field. A field whose value is `undefined` is written as its `default`. */
export interface AvroField extends AvroAttributes {
  readonly name: string;
  readonly type: AvroSchema;
  readonly default?: unknown;
  readonly doc?: string;
  /** Iceberg: the struct field's id (spec Appendix A, "Field IDs"). */
  readonly 'field-id'?: number;
}

/** A record: its value is a plain object with one property per field. */
export interface AvroRecordSchema extends AvroAttributes {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

/** An enum: its value is one of `symbols`. */
export interface AvroEnumSchema extends AvroAttributes {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly symbols: readonly string[];
}

/** An array: its value is a JavaScript array. */
export interface AvroArraySchema extends AvroAttributes {
  readonly type: 'array';
  readonly items: AvroSchema;
  /** Iceberg: the list element's id. */
  readonly 'element-id'?: number;
  /** Iceberg writes maps with non-string keys as arrays of key/value records marked `map`. */
  readonly logicalType?: string;
}

/** A map with string keys: its value is a `Map<string, …>` or a plain object. */
export interface AvroMapSchema extends AvroAttributes {
  readonly type: 'map';
  readonly values: AvroSchema;
  /** Iceberg: the map key's id. */
  readonly 'key-id'?: number;
  /** Iceberg: the map value's id. */
  readonly 'value-id'?: number;
}

/** Fixed-size bytes: its value is a `Uint8Array` of exactly `size` bytes. */
export interface AvroFixedSchema extends AvroAttributes {
  readonly type: 'fixed';
  readonly name: string;
  readonly namespace?: string;
  readonly size: number;
}

/**
 * A union: its value is a value of one branch, written with the index of
 * the first branch that accepts it (`null` goes to the `null` branch).
 */
export type AvroUnionSchema = readonly AvroSchema[];

/** Any Avro schema. Named types cannot be referenced by name here: write each one out. */
export type AvroSchema =
  | AvroPrimitiveName
  | AvroPrimitiveSchema
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroFixedSchema
  | AvroUnionSchema;

/** Whether `schema` is a union (`Array.isArray` does not narrow readonly arrays). */
export function isAvroUnion(schema: AvroSchema): schema is AvroUnionSchema {
  return Array.isArray(schema);
}

/** The type name of a schema: a primitive name or `record`, `enum`, `array`, `map`, `fixed`, `union`. */
export function avroTypeName(schema: AvroSchema): string {
  if (typeof schema === 'string') return schema;
  if (isAvroUnion(schema)) return 'union';
  return schema.type;
}
