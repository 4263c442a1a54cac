/**
 * Random Avro schemas and values for property tests. Each value comes with
 * the value a decoder must give back (`expected`): longs as bigint, floats
 * rounded to 32 bits. Union branches are of different JavaScript kinds
 * (number, string, bytes, object, …), so exactly one branch accepts each
 * value and the encoder's first-match rule cannot pick another.
 */
import fc from 'fast-check';
import type { AvroField, AvroSchema } from '../../../src/iceberg/avro/index.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** A value to encode and what decoding it must give. */
export interface Sample {
  readonly input: unknown;
  readonly expected: unknown;
}

const leaf: fc.Arbitrary<AvroSchema> = fc.oneof(
  fc.constantFrom<AvroSchema>('null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'),
  // Object form with an attribute Avro does not interpret.
  fc.record({ type: fc.constantFrom('int' as const, 'long' as const, 'string' as const, 'double' as const), 'x-note': fc.string({ maxLength: 3 }) }),
  fc.nat({ max: 12 }).map((size): AvroSchema => ({ type: 'fixed', name: '?', size })),
  fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,3}$/), { minLength: 1, maxLength: 5 }).map((symbols): AvroSchema => ({ type: 'enum', name: '?', symbols })),
);

const id = fc.option(fc.nat({ max: 100_000 }), { nil: undefined });

/** The JavaScript kind of a branch's values; a union holds at most one branch per kind. */
function kind(schema: AvroSchema): string {
  const type = typeof schema === 'string' ? schema : Array.isArray(schema) ? 'union' : (schema as { type: string }).type;
  if (type === 'int' || type === 'long' || type === 'float' || type === 'double') return 'number';
  if (type === 'enum') return 'string';
  if (type === 'fixed') return 'bytes';
  if (type === 'record') return 'map';
  return type;
}

const { schema: unnamed } = fc.letrec<{ schema: AvroSchema; single: AvroSchema; union: AvroSchema }>((tie) => ({
  schema: fc.oneof({ maxDepth: 3, depthIdentifier: 'avro' }, tie('single'), tie('union')),
  single: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'avro' },
    leaf,
    fc.record({ items: tie('schema'), id }).map(({ items, id }): AvroSchema => ({ type: 'array', items, ...(id === undefined ? {} : { 'element-id': id }) })),
    fc.record({ values: tie('schema'), id }).map(({ values, id }): AvroSchema => ({
      type: 'map',
      values,
      ...(id === undefined ? {} : { 'key-id': id, 'value-id': id + 1 }),
    })),
    fc.array(fc.record({ type: tie('schema'), id, doc: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }) }), { maxLength: 4 }).map(
      (fields): AvroSchema => ({
        type: 'record',
        name: '?',
        fields: fields.map(({ type, id, doc }, i): AvroField => ({
          name: `f${i}`,
          type,
          ...(id === undefined ? {} : { 'field-id': id }),
          ...(doc === undefined ? {} : { doc }),
        })),
      }),
    ),
  ),
  union: fc.array(tie('single'), { minLength: 1, maxLength: 4 }).map((branches) => {
    const seen = new Set<string>();
    return branches.filter((b) => !seen.has(kind(b)) && seen.add(kind(b)) !== undefined);
  }),
}));

/** Gives every named type a unique name (`T0`, `T1`, …), as Avro requires. */
function nameTypes(schema: AvroSchema, next: { n: number }): AvroSchema {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return (schema as readonly AvroSchema[]).map((b) => nameTypes(b, next));
  const s = schema as Exclude<AvroSchema, string | readonly AvroSchema[]>;
  switch (s.type) {
    case 'record':
      return { ...s, name: `T${next.n++}`, fields: s.fields.map((f) => ({ ...f, type: nameTypes(f.type, next) })) };
    case 'enum':
    case 'fixed':
      return { ...s, name: `T${next.n++}` };
    case 'array':
      return { ...s, items: nameTypes(s.items, next) };
    case 'map':
      return { ...s, values: nameTypes(s.values, next) };
    default:
      return s;
  }
}

/** A random valid schema, at most 3 levels deep. */
export const avroSchema: fc.Arbitrary<AvroSchema> = unnamed.map((s) => nameTypes(s, { n: 0 }));

const pair = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Sample> => arb.map((v) => ({ input: v, expected: v }));

/** A random value of `schema`, with what decoding it must give. */
export function avroSample(schema: AvroSchema): fc.Arbitrary<Sample> {
  if (typeof schema !== 'string' && Array.isArray(schema)) return fc.oneof(...(schema as readonly AvroSchema[]).map(avroSample));
  const s = schema as Exclude<AvroSchema, readonly AvroSchema[]>;
  const type = typeof s === 'string' ? s : s.type;
  switch (type) {
    case 'null':
      return fc.constant({ input: null, expected: null });
    case 'boolean':
      return pair(fc.boolean());
    case 'int':
      return pair(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    case 'long':
      return fc.oneof(fc.bigInt({ min: LONG_MIN, max: LONG_MAX }), fc.maxSafeInteger()).map((v) => ({ input: v, expected: BigInt(v) }));
    case 'float':
      return fc.oneof(fc.float(), fc.double()).map((v) => ({ input: v, expected: Math.fround(v) }));
    case 'double':
      return pair(fc.double());
    case 'bytes':
      return pair(fc.uint8Array({ maxLength: 8 }));
    case 'string':
      return pair(fc.string({ unit: 'binary', maxLength: 8 }));
  }
  if (typeof s === 'string') throw new Error('unreachable');
  switch (s.type) {
    case 'fixed':
      return pair(fc.uint8Array({ minLength: s.size, maxLength: s.size }));
    case 'enum':
      return pair(fc.constantFrom(...s.symbols));
    case 'array':
      return fc.array(avroSample(s.items), { maxLength: 4 }).map((items) => ({ input: items.map((i) => i.input), expected: items.map((i) => i.expected) }));
    case 'map':
      return fc
        .tuple(
          fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 4 }).filter((k) => k !== '__proto__'), { maxLength: 3 }),
          fc.array(avroSample(s.values), { minLength: 3, maxLength: 3 }),
          fc.boolean(),
        )
        .map(([keys, values, asMap]) => {
          const entries = keys.map((k, i) => [k, values[i]!] as const);
          const input = entries.map(([k, v]) => [k, v.input] as const);
          return { input: asMap ? new Map(input) : Object.fromEntries(input), expected: Object.fromEntries(entries.map(([k, v]) => [k, v.expected])) };
        });
    case 'record':
      return fc.tuple(...s.fields.map((f) => avroSample(f.type))).map((values) => ({
        input: Object.fromEntries(s.fields.map((f, i) => [f.name, values[i]!.input])),
        expected: Object.fromEntries(s.fields.map((f, i) => [f.name, values[i]!.expected])),
      }));
    default:
      throw new Error(`random-schema: no values for ${type}`);
  }
}

/**
 * A record schema holding one random field, with a few values of it: what
 * container-file tests write. (A record at the top, because avsc's stream
 * decoder takes a null record for the end of the stream.)
 */
export const avroRecordWithSamples = (maxLength: number): fc.Arbitrary<{ schema: AvroSchema; samples: Sample[] }> =>
  avroSchema.chain((inner) => {
    const schema: AvroSchema = { type: 'record', name: 'Top', fields: [{ name: 'v', type: inner, 'field-id': 1 }] };
    const sample = avroSample(inner).map(({ input, expected }) => ({ input: { v: input }, expected: { v: expected } }));
    return fc.array(sample, { maxLength }).map((samples) => ({ schema, samples }));
  });
