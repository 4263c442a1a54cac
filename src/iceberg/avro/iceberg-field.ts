/**
 * Record fields as Iceberg writes them to Avro (spec Appendix A): each
 * with its `field-id`; an optional one as the union `["null", T]` with
 * default null.
 */
import type { AvroField, AvroSchema } from './avro-schema.js';

/** A required field with its Iceberg field id. */
export function requiredField(name: string, fieldId: number, type: AvroSchema): AvroField {
  return { name, type, 'field-id': fieldId };
}

/** An optional field: `["null", T]`, default null, with its Iceberg field id. */
export function optionalField(name: string, fieldId: number, type: AvroSchema): AvroField {
  return { name, type: ['null', type], default: null, 'field-id': fieldId };
}
