// Type-level parsing of IceType type strings (ICETYPE.md §1.1, §4, §6).
// These checks run in the type checker (`npm run typecheck`); at run time
// `expectTypeOf` is a no-op.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  FieldHasDefault,
  FieldInfoOf,
  FieldNullable,
  FieldSelectValue,
  FieldTypeInfo,
  FieldValue,
  IceTypeCompileError,
  ValidateTypeString,
} from '../../src/icetype/static/index.js';

describe('FieldTypeInfo: full shape', () => {
  it('describes a plain column', () => {
    expectTypeOf<FieldTypeInfo<'int?'>>().toEqualTypeOf<{
      kind: 'column';
      type: 'int';
      array: false;
      value: number;
      nullable: true;
      hasDefault: false;
      indexed: false;
    }>();
    expectTypeOf<FieldTypeInfo<'string[]!#'>>().toEqualTypeOf<{
      kind: 'column';
      type: 'string';
      array: true;
      value: string[];
      nullable: false;
      hasDefault: false;
      indexed: true;
    }>();
  });

  it('describes a relation', () => {
    expectTypeOf<FieldTypeInfo<'-> User'>>().toEqualTypeOf<{
      kind: 'forward';
      type: 'string';
      array: false;
      value: string;
      nullable: true;
      hasDefault: false;
      indexed: false;
      target: 'User';
      many: false;
      inverse: undefined;
    }>();
    expectTypeOf<FieldTypeInfo<'<- Post.author[]'>>().toEqualTypeOf<{
      kind: 'backward';
      type: 'string';
      array: true;
      value: never;
      nullable: true;
      hasDefault: false;
      indexed: false;
      target: 'Post';
      many: true;
      inverse: 'author';
    }>();
  });
});

describe('primitives and aliases (ICETYPE.md §4)', () => {
  it('maps every primitive to its TS value type', () => {
    expectTypeOf<FieldValue<'string'>>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<'text'>>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<'uuid'>>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<'int'>>().toEqualTypeOf<number>();
    expectTypeOf<FieldValue<'long'>>().toEqualTypeOf<number>();
    expectTypeOf<FieldValue<'bigint'>>().toEqualTypeOf<number>();
    expectTypeOf<FieldValue<'float'>>().toEqualTypeOf<number>();
    expectTypeOf<FieldValue<'double'>>().toEqualTypeOf<number>();
    expectTypeOf<FieldValue<'bool'>>().toEqualTypeOf<boolean>();
    expectTypeOf<FieldValue<'boolean'>>().toEqualTypeOf<boolean>();
    expectTypeOf<FieldValue<'timestamp'>>().toEqualTypeOf<Date>();
    expectTypeOf<FieldValue<'date'>>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<'time'>>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<'json'>>().toEqualTypeOf<unknown>();
    expectTypeOf<FieldValue<'binary'>>().toEqualTypeOf<Uint8Array>();
  });

  it('folds aliases to canonical names, keeping text', () => {
    expectTypeOf<FieldTypeInfo<'boolean'>>().toMatchObjectType<{ type: 'bool' }>();
    expectTypeOf<FieldTypeInfo<'bigint'>>().toMatchObjectType<{ type: 'long' }>();
    expectTypeOf<FieldTypeInfo<'text'>>().toMatchObjectType<{ type: 'text' }>();
    expectTypeOf<FieldTypeInfo<'string'>>().toMatchObjectType<{ type: 'string' }>();
  });

  it('is case-insensitive in type names', () => {
    expectTypeOf<FieldTypeInfo<'String'>>().toMatchObjectType<{ type: 'string'; value: string }>();
    expectTypeOf<FieldTypeInfo<'BOOL'>>().toMatchObjectType<{ type: 'bool'; value: boolean }>();
    expectTypeOf<FieldTypeInfo<'TimeStamp!'>>().toMatchObjectType<{ value: Date; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'DECIMAL(10,2)'>>().toMatchObjectType<{ type: 'decimal'; value: string }>();
    expectTypeOf<FieldTypeInfo<'Vector(3)'>>().toMatchObjectType<{ type: 'vector'; value: number[] }>();
  });
});

describe('modifiers', () => {
  it('! is not nullable; ? and no modifier are nullable', () => {
    expectTypeOf<FieldNullable<'string!'>>().toEqualTypeOf<false>();
    expectTypeOf<FieldNullable<'string?'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldNullable<'string'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldSelectValue<'int!'>>().toEqualTypeOf<number>();
    expectTypeOf<FieldSelectValue<'int?'>>().toEqualTypeOf<number | null>();
    expectTypeOf<FieldSelectValue<'int'>>().toEqualTypeOf<number | null>();
  });

  it('# is indexed, in any order with ! and ?', () => {
    expectTypeOf<FieldTypeInfo<'string#'>>().toMatchObjectType<{ indexed: true; nullable: true }>();
    expectTypeOf<FieldTypeInfo<'string#!'>>().toMatchObjectType<{ indexed: true; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'string!#'>>().toMatchObjectType<{ indexed: true; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'string?#'>>().toMatchObjectType<{ indexed: true; nullable: true }>();
    expectTypeOf<FieldTypeInfo<'string'>>().toMatchObjectType<{ indexed: false }>();
  });
});

describe('defaults', () => {
  it('any = … makes a default', () => {
    expectTypeOf<FieldHasDefault<'string'>>().toEqualTypeOf<false>();
    expectTypeOf<FieldHasDefault<'string = "active"'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<"string = 'active'">>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'int! = 0'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'double = -1.5e3'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'bool = true'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'bool = false'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'string = null'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'string[] = []'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'json = {}'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'timestamp = now()'>>().toEqualTypeOf<true>();
    expectTypeOf<FieldHasDefault<'uuid! = uuid()'>>().toEqualTypeOf<true>();
  });

  it('keeps nullability independent of the default', () => {
    expectTypeOf<FieldTypeInfo<'string! = "x"'>>().toMatchObjectType<{ nullable: false; hasDefault: true }>();
    expectTypeOf<FieldTypeInfo<'string = "x"'>>().toMatchObjectType<{ nullable: true; hasDefault: true }>();
  });

  it('splits only at the first = outside quotes', () => {
    expectTypeOf<FieldTypeInfo<'string = "a->b"'>>().toEqualTypeOf<{
      kind: 'column';
      type: 'string';
      array: false;
      value: string;
      nullable: true;
      hasDefault: true;
      indexed: false;
    }>();
    expectTypeOf<FieldTypeInfo<'string = "a = b"'>>().toMatchObjectType<{ kind: 'column'; hasDefault: true }>();
    expectTypeOf<FieldTypeInfo<'"x=y" | "z"'>>().toMatchObjectType<{ value: 'x=y' | 'z'; hasDefault: false }>();
  });
});

describe('arrays, vectors, parameterised types', () => {
  it('T[] is an array of the element type', () => {
    expectTypeOf<FieldValue<'string[]'>>().toEqualTypeOf<string[]>();
    expectTypeOf<FieldValue<'int[]'>>().toEqualTypeOf<number[]>();
    expectTypeOf<FieldValue<'timestamp[]'>>().toEqualTypeOf<Date[]>();
    expectTypeOf<FieldTypeInfo<'bool[]'>>().toMatchObjectType<{ type: 'bool'; array: true; value: boolean[] }>();
  });

  it('takes modifiers after the brackets', () => {
    expectTypeOf<FieldSelectValue<'string[]!'>>().toEqualTypeOf<string[]>();
    expectTypeOf<FieldSelectValue<'string[]?'>>().toEqualTypeOf<string[] | null>();
    expectTypeOf<FieldSelectValue<'string[]'>>().toEqualTypeOf<string[] | null>();
    expectTypeOf<FieldTypeInfo<'int[]#! = []'>>().toMatchObjectType<{
      value: number[];
      nullable: false;
      indexed: true;
      hasDefault: true;
    }>();
  });

  it('vector(N) is number[]', () => {
    expectTypeOf<FieldTypeInfo<'vector(768)'>>().toMatchObjectType<{ type: 'vector'; array: false; value: number[] }>();
    expectTypeOf<FieldSelectValue<'vector(3)!'>>().toEqualTypeOf<number[]>();
  });

  it('decimal(P,S) and decimal(P) are exact strings', () => {
    expectTypeOf<FieldTypeInfo<'decimal(10,2)'>>().toMatchObjectType<{ type: 'decimal'; value: string }>();
    expectTypeOf<FieldTypeInfo<'decimal(38)!'>>().toMatchObjectType<{ type: 'decimal'; value: string; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'decimal(10,10)'>>().toMatchObjectType<{ type: 'decimal' }>();
    expectTypeOf<FieldTypeInfo<'decimal(1,0)'>>().toMatchObjectType<{ type: 'decimal' }>();
  });

  it('varchar(N) is a string', () => {
    expectTypeOf<FieldTypeInfo<'varchar(255)#'>>().toMatchObjectType<{ type: 'varchar'; value: string; indexed: true }>();
  });
});

describe('enums', () => {
  it('are the union of their values, double- or single-quoted', () => {
    expectTypeOf<FieldValue<'"a" | "b" | "c"'>>().toEqualTypeOf<'a' | 'b' | 'c'>();
    expectTypeOf<FieldValue<"'draft' | 'published'">>().toEqualTypeOf<'draft' | 'published'>();
    expectTypeOf<FieldValue<`"Mixed" | 'Case'`>>().toEqualTypeOf<'Mixed' | 'Case'>();
    expectTypeOf<FieldTypeInfo<'"a"|"b"'>>().toMatchObjectType<{ type: 'enum'; value: 'a' | 'b' }>();
  });

  it('take modifiers, arrays and defaults', () => {
    expectTypeOf<FieldTypeInfo<'"a" | "b" = "a"'>>().toMatchObjectType<{ value: 'a' | 'b'; nullable: true; hasDefault: true }>();
    expectTypeOf<FieldSelectValue<'"a" | "b"! = "b"'>>().toEqualTypeOf<'a' | 'b'>();
    expectTypeOf<FieldSelectValue<"'x' | 'y'[]!">>().toEqualTypeOf<('x' | 'y')[]>();
  });
});

describe('relations (ICETYPE.md §1.3)', () => {
  it('-> T stores the target id', () => {
    expectTypeOf<FieldTypeInfo<'-> User'>>().toMatchObjectType<{ kind: 'forward'; target: 'User'; many: false; value: string; nullable: true }>();
    expectTypeOf<FieldTypeInfo<'-> User[]'>>().toMatchObjectType<{ kind: 'forward'; many: true; value: string[] }>();
    expectTypeOf<FieldTypeInfo<'-> User!'>>().toMatchObjectType<{ kind: 'forward'; many: false; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'-> User?'>>().toMatchObjectType<{ kind: 'forward'; nullable: true }>();
    expectTypeOf<FieldTypeInfo<'-> User[]!'>>().toMatchObjectType<{ value: string[]; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'-> User.posts'>>().toMatchObjectType<{ kind: 'forward'; target: 'User'; inverse: 'posts' }>();
    expectTypeOf<FieldSelectValue<'-> User!'>>().toEqualTypeOf<string>();
    expectTypeOf<FieldSelectValue<'-> User[]'>>().toEqualTypeOf<string[] | null>();
  });

  it('~>, <- and <~ store nothing', () => {
    expectTypeOf<FieldTypeInfo<'~> Topic'>>().toMatchObjectType<{ kind: 'fuzzy-forward'; target: 'Topic'; value: never; inverse: undefined }>();
    expectTypeOf<FieldTypeInfo<'~> Topic[]'>>().toMatchObjectType<{ kind: 'fuzzy-forward'; many: true }>();
    expectTypeOf<FieldTypeInfo<'<- Post.author'>>().toMatchObjectType<{ kind: 'backward'; target: 'Post'; inverse: 'author'; many: false; value: never }>();
    expectTypeOf<FieldTypeInfo<'<- Post.author[]'>>().toMatchObjectType<{ kind: 'backward'; many: true }>();
    expectTypeOf<FieldTypeInfo<'<~ Article.topics'>>().toMatchObjectType<{ kind: 'fuzzy-backward'; target: 'Article'; inverse: 'topics' }>();
  });
});

describe('whitespace', () => {
  it('is allowed between tokens', () => {
    expectTypeOf<FieldTypeInfo<'  int  '>>().toMatchObjectType<{ value: number; nullable: true }>();
    expectTypeOf<FieldTypeInfo<'int !'>>().toMatchObjectType<{ value: number; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'string [ ] ! # '>>().toMatchObjectType<{ value: string[]; nullable: false; indexed: true }>();
    expectTypeOf<FieldTypeInfo<'string!="x"'>>().toMatchObjectType<{ nullable: false; hasDefault: true }>();
    expectTypeOf<FieldTypeInfo<'string!   =   "x"'>>().toMatchObjectType<{ nullable: false; hasDefault: true }>();
    expectTypeOf<FieldTypeInfo<'timestamp = now ( )'>>().toMatchObjectType<{ hasDefault: true }>();
    expectTypeOf<FieldTypeInfo<'decimal( 10 , 2 )'>>().toMatchObjectType<{ type: 'decimal' }>();
    expectTypeOf<FieldValue<'"a"|"b"  |   "c"'>>().toEqualTypeOf<'a' | 'b' | 'c'>();
    expectTypeOf<FieldTypeInfo<'->User'>>().toMatchObjectType<{ kind: 'forward'; target: 'User' }>();
    expectTypeOf<FieldTypeInfo<'->   User [] !'>>().toMatchObjectType<{ target: 'User'; many: true; nullable: false }>();
    expectTypeOf<FieldTypeInfo<'<-Post . author'>>().toMatchObjectType<{ target: 'Post'; inverse: 'author' }>();
  });
});

describe('field objects (ICETYPE.md §1.2)', () => {
  it('apply required, default and indexed over the type string', () => {
    expectTypeOf<FieldInfoOf<{ type: 'string' }>>().toMatchObjectType<{ value: string; nullable: true; hasDefault: false }>();
    expectTypeOf<FieldInfoOf<{ type: 'string'; required: true }>>().toMatchObjectType<{ nullable: false }>();
    expectTypeOf<FieldInfoOf<{ type: 'string'; required: false }>>().toMatchObjectType<{ nullable: true }>();
    expectTypeOf<FieldInfoOf<{ type: 'int'; default: 0 }>>().toMatchObjectType<{ value: number; hasDefault: true }>();
    expectTypeOf<FieldInfoOf<{ type: 'string'; indexed: true; unique: true; doc: 'Login' }>>().toMatchObjectType<{ indexed: true }>();
    expectTypeOf<FieldInfoOf<{ type: 'int!' }>>().toMatchObjectType<{ nullable: false }>();
    expectTypeOf<FieldSelectValue<{ readonly type: 'string[]'; readonly required: true }>>().toEqualTypeOf<string[]>();
    expectTypeOf<FieldInfoOf<{ type: '-> User'; required: true }>>().toMatchObjectType<{ kind: 'forward'; nullable: false }>();
  });
});

describe('errors', () => {
  it('FieldTypeInfo is an IceTypeCompileError with the runtime code', () => {
    expectTypeOf<FieldTypeInfo<'strng'>>().toExtend<IceTypeCompileError<'UNKNOWN_TYPE'>>();
    expectTypeOf<FieldTypeInfo<'string!?'>>().toExtend<IceTypeCompileError<'CONFLICTING_MODIFIERS'>>();
    expectTypeOf<FieldTypeInfo<'string??'>>().toExtend<IceTypeCompileError<'DUPLICATE_MODIFIER'>>();
    expectTypeOf<FieldTypeInfo<''>>().toExtend<IceTypeCompileError<'EMPTY_TYPE'>>();
    expectTypeOf<FieldTypeInfo<'   '>>().toExtend<IceTypeCompileError<'EMPTY_TYPE'>>();
    expectTypeOf<FieldTypeInfo<'decimal(39,2)'>>().toExtend<IceTypeCompileError<'DECIMAL_RANGE'>>();
    expectTypeOf<FieldTypeInfo<'decimal(10,11)'>>().toExtend<IceTypeCompileError<'DECIMAL_RANGE'>>();
    expectTypeOf<FieldTypeInfo<'decimal(0)'>>().toExtend<IceTypeCompileError<'DECIMAL_RANGE'>>();
    expectTypeOf<FieldTypeInfo<'varchar(0)'>>().toExtend<IceTypeCompileError<'INVALID_PARAMETER'>>();
    expectTypeOf<FieldTypeInfo<'vector(x)'>>().toExtend<IceTypeCompileError<'INVALID_PARAMETER'>>();
    expectTypeOf<FieldTypeInfo<'"a"'>>().toExtend<IceTypeCompileError<'INVALID_ENUM'>>();
    expectTypeOf<FieldTypeInfo<'"a" | "a"'>>().toExtend<IceTypeCompileError<'INVALID_ENUM'>>();
    expectTypeOf<FieldTypeInfo<'"a" | "b'>>().toExtend<IceTypeCompileError<'UNTERMINATED_STRING'>>();
    expectTypeOf<FieldTypeInfo<'int = "x"'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'int = nope'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'int ='>>().toExtend<IceTypeCompileError<'UNEXPECTED_END'>>();
    expectTypeOf<FieldTypeInfo<'"a" | "b" = "c"'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'string! = null'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'string[] = "a"'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'<- Post'>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'-> '>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'-> User!?'>>().toExtend<IceTypeCompileError<'CONFLICTING_MODIFIERS'>>();
    expectTypeOf<FieldTypeInfo<'<- Post.author!'>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'<~ Post.topics?'>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'-> user'>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'<- Post.Author'>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'-> User#'>>().toExtend<IceTypeCompileError<'INVALID_RELATION'>>();
    expectTypeOf<FieldTypeInfo<'binary = "x"'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'string[] = now()'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'int = now()'>>().toExtend<IceTypeCompileError<'INVALID_DEFAULT'>>();
    expectTypeOf<FieldTypeInfo<'string[][]'>>().toExtend<IceTypeCompileError<'UNEXPECTED_TOKEN'>>();
    expectTypeOf<FieldTypeInfo<'string![]'>>().toExtend<IceTypeCompileError<'INVALID_MODIFIER_POSITION'>>();
  });

  it('puts the type string and the problem in the message', () => {
    expectTypeOf<FieldTypeInfo<'strng!'>>().toExtend<
      IceTypeCompileError<'UNKNOWN_TYPE', `IceType error in 'strng!': unknown type 'strng'; expected ${string}`>
    >();
  });

  it('ValidateTypeString is the string itself when valid', () => {
    expectTypeOf<ValidateTypeString<'int?'>>().toEqualTypeOf<'int?'>();
    expectTypeOf<ValidateTypeString<'strng'>>().toExtend<IceTypeCompileError<'UNKNOWN_TYPE'>>();

    function field<const S extends string>(type: S & ValidateTypeString<S>): S {
      return type;
    }
    field('string! = "x"');
    // @ts-expect-error unknown type name
    field('strng');
  });

  it('non-literal strings are rejected (declare schemas as const)', () => {
    expectTypeOf<FieldTypeInfo<string>>().toExtend<IceTypeCompileError>();
  });
});
