// Parity of compile-time and run-time issue codes: for each malformed input
// the static layer's `IceTypeCompileError['~code']` must equal the code the
// runtime parser reports (error.ts promises it). Each runtime code below was
// observed from `parseField` / `parseSchema` and is pinned on both sides.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { IceTypeParseError, parseField, parseSchema } from '../../src/icetype/index.js';
import type { IssueCode } from '../../src/icetype/index.js';
import type { FieldTypeInfo, IceTypeCompileError, SchemaSetDefinition, ValidateSchemaSet } from '../../src/icetype/static/index.js';

/** The static code of a type string, or `'OK'` when it compiles. */
type CodeOf<S extends string> = FieldTypeInfo<S> extends IceTypeCompileError<infer C> ? C : 'OK';

function runtimeCode(run: () => unknown): IssueCode | 'OK' {
  try {
    run();
    return 'OK';
  } catch (e) {
    if (e instanceof IceTypeParseError) return e.issues[0]!.code;
    throw e;
  }
}

/** Type string → code, as observed at run time. */
const FIELD_CASES = {
  'float[3]': 'UNEXPECTED_TOKEN',
  'string[][]': 'UNEXPECTED_TOKEN',
  'int[': 'UNEXPECTED_TOKEN',
  'int]': 'UNEXPECTED_TOKEN',
  '!string': 'INVALID_MODIFIER_POSITION',
  '?int': 'INVALID_MODIFIER_POSITION',
  '# int': 'INVALID_MODIFIER_POSITION',
  'int(4)': 'INVALID_PARAMETER',
  varchar: 'INVALID_PARAMETER',
  decimal: 'INVALID_PARAMETER',
  'varchar(10': 'INVALID_PARAMETER',
  'foo -> User': 'INVALID_RELATION',
  '-> User!!': 'DUPLICATE_MODIFIER',
  '-> User??': 'DUPLICATE_MODIFIER',
  '-> User?!': 'CONFLICTING_MODIFIERS',
  '-> User![]': 'INVALID_MODIFIER_POSITION',
  '-> User! []': 'INVALID_MODIFIER_POSITION',
  '-> User.': 'INVALID_RELATION',
  'int =': 'UNEXPECTED_END',
  'string = ': 'UNEXPECTED_END',
  'string = "abc': 'UNTERMINATED_STRING',
  'int = 01': 'INVALID_NUMBER',
  'int = -01': 'INVALID_NUMBER',
  'int = 00': 'INVALID_NUMBER',
  'int = 1.': 'INVALID_NUMBER',
  'int = +1': 'UNEXPECTED_TOKEN',
  'int = 0x10': 'UNEXPECTED_TOKEN',
  'int = .5': 'INVALID_DEFAULT',
  'string = "a" "b"': 'UNEXPECTED_TOKEN',
  "string = 'a' 'b'": 'UNEXPECTED_TOKEN',
  'string = "a"x': 'UNEXPECTED_TOKEN',
  'string!!': 'DUPLICATE_MODIFIER',
  'string!?': 'CONFLICTING_MODIFIERS',
  foo: 'UNKNOWN_TYPE',
  'foo bar': 'UNKNOWN_TYPE',
  strings: 'UNKNOWN_TYPE',
  'int int': 'UNEXPECTED_TOKEN',
  'int!string': 'UNEXPECTED_TOKEN',
  'int.x': 'UNEXPECTED_TOKEN',
  'String x': 'UNEXPECTED_TOKEN',
  'bool?x': 'UNEXPECTED_TOKEN',
  'varchar x': 'INVALID_PARAMETER',
  // valid inputs stay valid on both sides
  'int = 0': 'OK',
  'int = -0': 'OK',
  'int = 1e5': 'OK',
  'string = "a\\"b"': 'OK',
  'string[ ]': 'OK',
  'string []': 'OK',
  '-> User []!': 'OK',
  '"a"|"b"': 'OK',
  'decimal(10,2)': 'OK',
} as const satisfies Record<string, IssueCode | 'OK'>;

type FieldCases = typeof FIELD_CASES;

// Compile time: one assertion per case, each `CodeOf<K>` equal to the pinned code.
type Mismatches = {
  [K in keyof FieldCases & string]: [CodeOf<K>] extends [FieldCases[K]]
    ? [FieldCases[K]] extends [CodeOf<K>]
      ? never
      : [K, CodeOf<K>]
    : [K, CodeOf<K>];
}[keyof FieldCases & string];

describe('compile-time codes equal the runtime codes', () => {
  it('type strings', () => {
    expectTypeOf<Mismatches>().toEqualTypeOf<never>();
    // spelled out for readable failures
    expectTypeOf<CodeOf<'float[3]'>>().toEqualTypeOf<'UNEXPECTED_TOKEN'>();
    expectTypeOf<CodeOf<'string[][]'>>().toEqualTypeOf<'UNEXPECTED_TOKEN'>();
    expectTypeOf<CodeOf<'!string'>>().toEqualTypeOf<'INVALID_MODIFIER_POSITION'>();
    expectTypeOf<CodeOf<'int(4)'>>().toEqualTypeOf<'INVALID_PARAMETER'>();
    expectTypeOf<CodeOf<'varchar'>>().toEqualTypeOf<'INVALID_PARAMETER'>();
    expectTypeOf<CodeOf<'foo -> User'>>().toEqualTypeOf<'INVALID_RELATION'>();
    expectTypeOf<CodeOf<'-> User!!'>>().toEqualTypeOf<'DUPLICATE_MODIFIER'>();
    expectTypeOf<CodeOf<'-> User![]'>>().toEqualTypeOf<'INVALID_MODIFIER_POSITION'>();
    expectTypeOf<CodeOf<'int ='>>().toEqualTypeOf<'UNEXPECTED_END'>();
    expectTypeOf<CodeOf<'string = "abc'>>().toEqualTypeOf<'UNTERMINATED_STRING'>();
    expectTypeOf<CodeOf<'int = 01'>>().toEqualTypeOf<'INVALID_NUMBER'>();
    expectTypeOf<CodeOf<'string = "a" "b"'>>().toEqualTypeOf<'UNEXPECTED_TOKEN'>();
  });

  it('directives', () => {
    type Checked = ValidateSchemaSet<{
      A: { $type: 'A'; $ttl: 5; a: 'int' };
      B: { $type: 'B'; $strict: 5; b: 'int' };
      C: { $type: 'C'; $storage: 'rowz'; c: 'int' };
    }>;
    expectTypeOf<Checked['A']['$ttl']['~code']>().toEqualTypeOf<'UNKNOWN_DIRECTIVE'>();
    expectTypeOf<Checked['A']['a']>().toEqualTypeOf<'int'>();
    expectTypeOf<Checked['B']['$strict']['~code']>().toEqualTypeOf<'INVALID_DIRECTIVE'>();
    expectTypeOf<Checked['B']['b']>().toEqualTypeOf<'int'>();
    expectTypeOf<Checked['C']['$storage']['~code']>().toEqualTypeOf<'INVALID_DIRECTIVE'>();

    function defineSchemaTest<const D extends SchemaSetDefinition>(d: D & ValidateSchemaSet<D>): D {
      return d;
    }
    // Only the directive is flagged, not every field of the collection.
    defineSchemaTest({
      A: {
        $type: 'A',
        // @ts-expect-error unknown directive
        $ttl: 5,
        a: 'int',
      },
      B: {
        $type: 'B',
        // @ts-expect-error $strict takes a boolean
        $strict: 5,
        b: 'int',
      },
    });
  });
});

describe('runtime codes (pinned)', () => {
  for (const [input, code] of Object.entries(FIELD_CASES)) {
    it(`parseField(${JSON.stringify(input)}) → ${code}`, () => {
      expect(runtimeCode(() => parseField(input))).toBe(code);
    });
  }

  it('unknown directive with a non-string value', () => {
    expect(runtimeCode(() => parseSchema({ $type: 'A', $ttl: 5, a: 'int' }))).toBe('UNKNOWN_DIRECTIVE');
  });

  it('$strict with a non-boolean value', () => {
    expect(runtimeCode(() => parseSchema({ $type: 'B', $strict: 5, b: 'int' }))).toBe('INVALID_DIRECTIVE');
  });

  it('$storage with an unknown value', () => {
    expect(runtimeCode(() => parseSchema({ $type: 'C', $storage: 'rowz', c: 'int' }))).toBe('INVALID_DIRECTIVE');
  });
});
