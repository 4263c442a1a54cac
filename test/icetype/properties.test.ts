/**
 * Property tests: random valid schemas print and parse back to themselves in
 * both forms (so the text and the object form agree), and the tokenizer and
 * parsers fail only with IceTypeParseError on arbitrary input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IceTypeParseError,
  parseField,
  parseSchema,
  parseSchemas,
  printSchema,
  printSchemas,
  printTypeString,
  tokenize,
  validateSchema,
  type DefaultValue,
  type FieldDefinition,
  type IceTypeSchema,
  type IndexDefinition,
  type JsonValue,
  type PrimitiveName,
  type RelationDefinition,
  type ScalarType,
  type SchemaDirectives,
  type VectorDirective,
} from '../../src/icetype/index.js';

// ---- arbitraries -----------------------------------------------------------

const FLOAT_MAX = 3.4028234663852886e38;
const noNegZero = (n: number): number => (n === 0 ? 0 : n);

const fieldName = fc
  .stringMatching(/^[a-z][A-Za-z0-9_]{0,9}$/)
  .filter((n) => !n.toLowerCase().startsWith('sqlite_'));
const collectionName = fc.stringMatching(/^[A-Z][A-Za-z0-9_]{0,7}$/);
const text = fc.string({ unit: 'binary', maxLength: 12 });

const primitiveNames: PrimitiveName[] = [
  'string', 'text', 'int', 'long', 'float', 'double', 'bool', 'uuid', 'timestamp', 'date', 'time', 'json', 'binary',
];

const scalarType: fc.Arbitrary<ScalarType> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...primitiveNames).map((name): ScalarType => ({ kind: 'primitive', name })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 38 })
      .chain((precision) => fc.integer({ min: 0, max: precision }).map((scale): ScalarType => ({ kind: 'decimal', precision, scale }))),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((length): ScalarType => ({ kind: 'varchar', length })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((dimensions): ScalarType => ({ kind: 'vector', dimensions })) },
  { weight: 1, arbitrary: fc.uniqueArray(text, { minLength: 2, maxLength: 4 }).map((values): ScalarType => ({ kind: 'enum', values })) },
);

const isoDate = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const floatValue = fc.float({ noNaN: true, noDefaultInfinity: true }).map(noNegZero).filter((v) => Math.abs(v) <= FLOAT_MAX);
const doubleValue = fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegZero);

function stripNegZero(v: JsonValue): JsonValue {
  if (typeof v === 'number') return noNegZero(v);
  if (Array.isArray(v)) return v.map(stripNegZero);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: stripNegZero(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** A literal of one item of `type` (canonical: exactly what parsing its printout gives). */
function itemValue(type: ScalarType): fc.Arbitrary<JsonValue> {
  switch (type.kind) {
    case 'decimal': {
      const intDigits = type.precision - type.scale;
      const intPart = intDigits === 0 ? fc.constant('0') : fc.bigInt({ min: 0n, max: 10n ** BigInt(intDigits) - 1n }).map(String);
      const frac = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: type.scale });
      return fc.tuple(fc.boolean(), intPart, frac).map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}`);
    }
    case 'varchar':
      return fc.string({ unit: 'binary', maxLength: Math.min(type.length, 12) }).filter((s) => s.length <= type.length);
    case 'vector':
      return fc.array(floatValue, { minLength: type.dimensions, maxLength: type.dimensions });
    case 'enum':
      return fc.constantFrom(...type.values);
    case 'primitive':
      switch (type.name) {
        case 'string':
        case 'text':
          return text;
        case 'int':
          return fc.integer().map(noNegZero);
        case 'long':
          return fc.maxSafeInteger().map(noNegZero);
        case 'float':
          return floatValue;
        case 'double':
          return doubleValue;
        case 'bool':
          return fc.boolean();
        case 'uuid':
          return fc.uuid();
        case 'timestamp':
          return fc.oneof(isoDate.map((d) => d.toISOString()), fc.integer({ min: 0, max: 2 ** 45 }));
        case 'date':
          return isoDate.map((d) => d.toISOString().slice(0, 10));
        case 'time':
          return isoDate.map((d) => d.toISOString().slice(11, 19));
        case 'json':
          // null is its own default (optional fields only), and array items are never null.
          return fc
            .jsonValue({ maxDepth: 2 })
            .filter((v) => v !== null)
            .map((v) => stripNegZero(v as JsonValue));
        case 'binary':
          return fc.constant(null);
      }
  }
}

function defaultFor(type: ScalarType, isArray: boolean, required: boolean): fc.Arbitrary<DefaultValue | undefined> {
  const options: fc.Arbitrary<DefaultValue | undefined>[] = [fc.constant(undefined)];
  if (!required) options.push(fc.constant({ kind: 'literal', value: null }));
  const binary = type.kind === 'primitive' && type.name === 'binary';
  if (isArray) {
    if (!binary) options.push(fc.array(itemValue(type), { maxLength: 3 }).map((value): DefaultValue => ({ kind: 'literal', value })));
  } else {
    if (!binary) options.push(itemValue(type).map((value): DefaultValue => ({ kind: 'literal', value })));
    const t = type.kind === 'primitive' ? type.name : '';
    if (t === 'timestamp' || t === 'date' || t === 'time') options.push(fc.constant({ kind: 'function', name: 'now' }));
    if (t === 'string' || t === 'text' || t === 'uuid' || (type.kind === 'varchar' && type.length >= 36)) {
      options.push(fc.constant({ kind: 'function', name: 'uuid' }));
    }
  }
  return fc.oneof(...options);
}

type FieldSpec = Omit<FieldDefinition, 'name'>;

const scalarField: fc.Arbitrary<FieldSpec> = fc
  .record({ type: scalarType, isArray: fc.boolean(), required: fc.boolean(), indexed: fc.boolean(), unique: fc.boolean() })
  .chain((f) =>
    fc.record({ def: defaultFor(f.type, f.isArray, f.required), doc: fc.option(text, { nil: undefined }) }).map(({ def, doc }) => {
      const field: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = { ...f };
      if (def !== undefined) field.default = def;
      if (doc !== undefined) field.doc = doc;
      if (field.isArray) field.unique = false; // unique constraints on arrays are refused
      return field;
    }),
  );

const relationField: fc.Arbitrary<FieldSpec> = fc
  .record({
    operator: fc.constantFrom('->', '~>', '<-', '<~'),
    target: collectionName,
    inverse: fc.option(fieldName, { nil: undefined }),
    many: fc.boolean(),
    required: fc.boolean(),
    unique: fc.boolean(),
    doc: fc.option(text, { nil: undefined }),
  })
  .map((r) => {
    const forward = r.operator === '->' || r.operator === '~>';
    const relation: { -readonly [K in keyof RelationDefinition]: RelationDefinition[K] } = {
      operator: r.operator,
      target: r.target,
      many: r.many,
    };
    const inverse = r.inverse ?? (forward ? undefined : 'ref');
    if (inverse !== undefined) relation.inverse = inverse;
    const field: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = {
      type: { kind: 'primitive', name: 'string' },
      isArray: forward && r.many,
      required: forward && r.required,
      indexed: false,
      unique: r.operator === '->' && !r.many && r.unique,
      relation,
    };
    if (r.doc !== undefined) field.doc = r.doc;
    return field;
  });

const stored = (f: FieldDefinition) => f.relation === undefined || f.relation.operator === '->';
const subset = (names: string[], min: number) =>
  names.length < min ? fc.constant([] as string[]) : fc.shuffledSubarray(names, { minLength: min, maxLength: Math.min(names.length, 3) });

function directivesFor(fields: FieldDefinition[]): fc.Arbitrary<SchemaDirectives> {
  const storedNames = fields.filter(stored).map((f) => f.name);
  const singleValuedNames = fields.filter((f) => stored(f) && !f.isArray).map((f) => f.name);
  const requiredNames = fields.filter((f) => stored(f) && f.required).map((f) => f.name);
  const ftsNames = fields
    .filter((f) => !f.relation && !f.isArray && (f.type.kind === 'varchar' || (f.type.kind === 'primitive' && (f.type.name === 'string' || f.type.name === 'text'))))
    .map((f) => f.name);
  const vectors = fields.filter((f) => !f.relation && !f.isArray && f.type.kind === 'vector');
  const index: fc.Arbitrary<IndexDefinition[]> =
    storedNames.length === 0
      ? fc.constant([])
      : fc.array(
          singleValuedNames.length === 0
            ? fc.record({ fields: subset(storedNames, 1), unique: fc.constant(false) })
            : fc.oneof(
                fc.record({ fields: subset(storedNames, 1), unique: fc.constant(false) }),
                fc.record({ fields: subset(singleValuedNames, 1), unique: fc.constant(true) }),
              ),
          { maxLength: 3 },
        );
  const unique = singleValuedNames.length === 0 ? fc.constant([]) : fc.array(subset(singleValuedNames, 1), { maxLength: 2 });
  const vector: fc.Arbitrary<VectorDirective[]> = fc
    .tuple(fc.shuffledSubarray(vectors), fc.boolean())
    .map(([vs, dims]) => vs.map((v) => (dims && v.type.kind === 'vector' ? { field: v.name, dimensions: v.type.dimensions } : { field: v.name })));
  return fc
    .record({
      partitionBy: subset(requiredNames, 0),
      index,
      unique,
      fts: subset(ftsNames, 0),
      vector,
      storage: fc.constantFrom(undefined, 'rows' as const, 'batched' as const),
      cdc: fc.constantFrom(undefined, true, false),
      strict: fc.constantFrom(undefined, true, false),
    })
    .map((d) => {
      const out: { -readonly [K in keyof SchemaDirectives]: SchemaDirectives[K] } = {
        partitionBy: d.partitionBy,
        index: d.index,
        unique: d.unique,
        fts: d.fts,
        vector: d.vector,
      };
      if (d.strict !== undefined) out.strict = d.strict;
      if (d.storage !== undefined) out.storage = d.storage;
      if (d.cdc !== undefined) out.cdc = d.cdc;
      return out;
    });
}

function schemaNamed(name: string): fc.Arbitrary<IceTypeSchema> {
  return fc
    .uniqueArray(fc.tuple(fieldName, fc.oneof({ weight: 4, arbitrary: scalarField }, { weight: 1, arbitrary: relationField })), {
      maxLength: 10,
      selector: ([n]) => n,
    })
    .chain((specs) => {
      const fields = specs.map(([n, spec]): FieldDefinition => ({ name: n, ...spec }));
      return directivesFor(fields).map((directives) => ({ name, fields: new Map(fields.map((f) => [f.name, f])), directives }));
    });
}

const schemaSet: fc.Arbitrary<IceTypeSchema[]> = fc
  .uniqueArray(collectionName, { minLength: 1, maxLength: 3 })
  .chain((names) => fc.tuple(...names.map(schemaNamed)));

// ---- properties --------------------------------------------------------------

describe('properties', () => {
  it('(a) random schemas printed in text form and in object form parse to equal structures', () => {
    fc.assert(
      fc.property(schemaSet, (schemas) => {
        const fromText = parseSchemas(printSchemas(schemas));
        const fromObjects = schemas.map((s) => parseSchema(printSchema(s)));
        expect(fromText).toEqual(fromObjects);
        expect(fromText).toEqual(schemas);
      }),
      { numRuns: 200 },
    );
  });

  it('(b) print → parse is the identity on parsed schemas, in both forms', () => {
    fc.assert(
      fc.property(schemaSet, (generated) => {
        const parsed = parseSchemas(printSchemas(generated));
        expect(parseSchemas(printSchemas(parsed))).toEqual(parsed);
        for (const s of parsed) {
          expect(parseSchema(printSchema(s))).toEqual(s);
          for (const f of s.fields.values()) expect(parseField(printTypeString(f), { name: f.name })).toEqual({ ...f, unique: false, doc: undefined });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('parsed random schemas pass validateSchema on their own', () => {
    fc.assert(
      fc.property(schemaSet, (schemas) => {
        for (const s of parseSchemas(printSchemas(schemas))) expect(validateSchema(s).errors).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  const onlyParseErrors = (f: () => unknown): void => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(IceTypeParseError);
      const err = e as IceTypeParseError;
      expect(err.issues.length).toBeGreaterThan(0);
      for (const issue of err.issues) {
        if (issue.line !== undefined) expect(issue.line).toBeGreaterThanOrEqual(1);
      }
    }
  };
  const icetypeish = fc.string({
    unit: fc.constantFrom(...'abcXY_$019 \n\t"\'\\-~<>!?#[](){},:=|.@/*e+%'.split(''), 'string', 'decimal', '->', '//', 'User', '\r\n'),
    maxLength: 40,
  });

  it('(c) tokenize never throws on arbitrary strings except with IceTypeParseError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => onlyParseErrors(() => tokenize(s))), { numRuns: 400 });
    fc.assert(fc.property(icetypeish, (s) => onlyParseErrors(() => tokenize(s))), { numRuns: 400 });
  });

  it('the parsers fail only with IceTypeParseError on arbitrary input', () => {
    fc.assert(
      fc.property(icetypeish, (s) => {
        onlyParseErrors(() => parseField(s));
        onlyParseErrors(() => parseSchemas(s));
        onlyParseErrors(() => parseSchemas(`User {\n  a: ${s}\n}`));
        onlyParseErrors(() => parseSchema({ $type: 'A', a: s }));
      }),
      { numRuns: 400 },
    );
  });
});
