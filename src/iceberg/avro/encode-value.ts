/**
 * Avro binary encoding of one value (Avro 1.11 specification, "Binary
 * Encoding"), checking the value against its schema as it goes. Pure, no
 * code generation: it runs in workerd, which forbids `new Function`.
 */
import { AvroError, avroMismatch, avroPath, describeAvroValue, type AvroPath } from './avro-error.js';
import { avroTypeName, isAvroUnion, type AvroField, type AvroSchema } from './avro-schema.js';
import { checkAvroSchema } from './check-avro-schema.js';
import { AvroWriter } from './avro-writer.js';

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
/** A UTF-16 code unit of a surrogate pair standing alone: not encodable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * `value` in Avro's binary encoding. Values by type: `null`; booleans;
 * int a whole number in int32 range; long a safe-integer number or a
 * bigint in int64 range; float/double any number (NaN, ±Infinity, -0
 * kept; float rounds to 32 bits); bytes a `Uint8Array`; string a string; fixed a `Uint8Array` of
 * the size; enum a symbol; array an array; map a `Map` or plain object;
 * record a plain object (a missing field takes its `default`); union a
 * value of one branch. A mismatch throws `AvroError` `AVRO_TYPE_MISMATCH`
 * naming the path; an invalid schema throws `AVRO_INVALID_SCHEMA`.
 *
 * @example
 * encodeAvroValue('long', -1) // Uint8Array [0x01]
 * encodeAvroValue(['null', 'string'], 'a') // Uint8Array [0x02, 0x02, 0x61]
 */
export function encodeAvroValue(schema: AvroSchema, value: unknown): Uint8Array {
  checkAvroSchema(schema);
  const writer = new AvroWriter(64);
  writeAvroValue(writer, schema, value, undefined);
  return writer.toBytes();
}

/** Writes `value` to `writer`; `schema` has passed `checkAvroSchema`. */
export function writeAvroValue(writer: AvroWriter, schema: AvroSchema, value: unknown, path: AvroPath | undefined): void {
  if (typeof schema !== 'string' && isAvroUnion(schema)) {
    writeUnion(writer, schema, value, path);
    return;
  }
  const type = typeof schema === 'string' ? schema : schema.type;
  switch (type) {
    case 'null':
      if (value !== null) throw avroMismatch('null', path, describeAvroValue(value));
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw avroMismatch('boolean', path, describeAvroValue(value));
      writer.byte(value ? 1 : 0);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw avroMismatch('int (a whole number)', path, describeAvroValue(value));
      if (value < INT32_MIN || value > INT32_MAX) throw avroMismatch('int (-2^31 to 2^31-1)', path, 'an integer out of range');
      writer.int(value);
      return;
    case 'long':
      writer.long(checkLong(value, path));
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw avroMismatch(type, path, describeAvroValue(value));
      if (type === 'float') writer.float(value);
      else writer.double(value);
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw avroMismatch('bytes (a Uint8Array)', path, describeAvroValue(value));
      writer.bytes(value);
      return;
    case 'string':
      if (typeof value !== 'string') throw avroMismatch('string', path, describeAvroValue(value));
      if (LONE_SURROGATE.test(value)) throw avroMismatch('string (well-formed UTF-16)', path, 'a string with a lone surrogate');
      writer.string(value);
      return;
  }
  // Complex types; `type` narrowed away every primitive above.
  if (typeof schema === 'string') return;
  switch (schema.type) {
    case 'fixed':
      if (!(value instanceof Uint8Array) || value.length !== schema.size) {
        throw avroMismatch(`fixed ${schema.name} (${schema.size} bytes)`, path, describeAvroValue(value));
      }
      writer.raw(value);
      return;
    case 'enum': {
      const index = typeof value === 'string' ? schema.symbols.indexOf(value) : -1;
      if (index < 0) throw avroMismatch(`a symbol of enum ${schema.name}`, path, typeof value === 'string' ? 'another string' : describeAvroValue(value));
      writer.int(index);
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) throw avroMismatch('array', path, describeAvroValue(value));
      const items: readonly unknown[] = value;
      // One block holding every item, then the empty block that ends the array.
      if (items.length > 0) {
        writer.long(items.length);
        items.forEach((item, i) => writeAvroValue(writer, schema.items, item, avroPath(path, i)));
      }
      writer.byte(0);
      return;
    }
    case 'map': {
      const entries = mapEntries(value, path);
      if (entries.length > 0) {
        writer.long(entries.length);
        for (const [key, item] of entries) {
          writer.string(key);
          writeAvroValue(writer, schema.values, item, avroPath(path, key));
        }
      }
      writer.byte(0);
      return;
    }
    case 'record': {
      if (!isPlainObject(value)) throw avroMismatch(`record ${schema.name} (a plain object)`, path, describeAvroValue(value));
      for (const field of schema.fields) writeAvroValue(writer, field.type, fieldValue(field, value), avroPath(path, field.name));
      return;
    }
  }
}

function checkLong(value: unknown, path: AvroPath | undefined): number | bigint {
  if (typeof value === 'bigint') {
    if (value < LONG_MIN || value > LONG_MAX) throw avroMismatch('long (-2^63 to 2^63-1)', path, 'a bigint out of range');
    return value;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) {
    throw avroMismatch('long (a safe integer number, or a bigint beyond 2^53)', path, 'an integer number beyond 2^53');
  }
  throw avroMismatch('long (a whole number or bigint)', path, describeAvroValue(value));
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Map);
}

function fieldValue(field: AvroField, record: Readonly<Record<string, unknown>>): unknown {
  const value = record[field.name];
  return value === undefined && Object.hasOwn(field, 'default') ? field.default : value;
}

function mapEntries(value: unknown, path: AvroPath | undefined): readonly (readonly [string, unknown])[] {
  if (value instanceof Map) {
    const entries = [...(value as Map<unknown, unknown>).entries()];
    for (const [key] of entries) {
      if (typeof key !== 'string') throw avroMismatch('map keys that are strings', path, `${describeAvroValue(key)} as a key`);
    }
    return entries as (readonly [string, unknown])[];
  }
  if (!isPlainObject(value)) throw avroMismatch('map (a Map or plain object)', path, describeAvroValue(value));
  return Object.entries(value);
}

/**
 * A union value goes to the first branch that accepts it. With one
 * candidate branch its own error explains a mismatch; with several, each
 * is tried and the writer rewound after a miss.
 */
function writeUnion(writer: AvroWriter, branches: readonly AvroSchema[], value: unknown, path: AvroPath | undefined): void {
  const candidates: number[] = [];
  branches.forEach((branch, i) => {
    if ((avroTypeName(branch) === 'null') === (value === null)) candidates.push(i);
  });
  if (candidates.length === 1) {
    const index = candidates[0]!;
    writer.int(index);
    writeAvroValue(writer, branches[index]!, value, path);
    return;
  }
  const start = writer.length;
  for (const index of candidates) {
    try {
      writer.int(index);
      writeAvroValue(writer, branches[index]!, value, path);
      return;
    } catch (error) {
      if (!(error instanceof AvroError) || error.code !== 'AVRO_TYPE_MISMATCH') throw error;
      writer.truncate(start);
    }
  }
  throw avroMismatch(`one of [${branches.map(avroTypeName).join(', ')}]`, path, describeAvroValue(value));
}
