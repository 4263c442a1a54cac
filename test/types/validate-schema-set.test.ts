// Compile-time rejection of bad schemas (ICETYPE.md §3, §6). Each
// `@ts-expect-error` sits on the property that must be flagged; tsc fails
// on any that turns out unneeded.
import { describe, expectTypeOf, it } from 'vitest';
import type { IceTypeCompileError, SchemaSetDefinition, ValidateSchemaSet } from '../../src/icetype/static/index.js';

function defineSchemaTest<const D extends SchemaSetDefinition>(d: D & ValidateSchemaSet<D>): D {
  return d;
}

describe('ValidateSchemaSet', () => {
  it('maps a valid schema set to itself', () => {
    type Valid = {
      readonly User: { readonly name: 'string!'; readonly posts: '<- Post.author[]' };
      readonly Post: { readonly author: '-> User!'; readonly meta: { readonly type: 'json' } };
    };
    expectTypeOf<ValidateSchemaSet<Valid>>().toEqualTypeOf<Valid>();
    const schema = defineSchemaTest({
      User: { $type: 'User', name: 'string!', posts: '<- Post.author[]' },
      Post: { author: '-> User.posts!', meta: { type: 'json' } },
    });
    expectTypeOf(schema.Post.author).toEqualTypeOf<'-> User.posts!'>();
  });

  it('replaces a bad type string by its error', () => {
    type Checked = ValidateSchemaSet<{ User: { name: 'strng'; age: 'int' } }>;
    expectTypeOf<Checked['User']['name']>().toExtend<IceTypeCompileError<'UNKNOWN_TYPE'>>();
    expectTypeOf<Checked['User']['age']>().toEqualTypeOf<'int'>();
  });

  it('rejects unknown type names', () => {
    defineSchemaTest({
      User: {
        // @ts-expect-error unknown type name
        name: 'strng',
        ok: 'string',
        // @ts-expect-error unknown type name, upper case
        other: 'Strng!',
      },
    });
  });

  it('rejects ! with ?', () => {
    defineSchemaTest({
      User: {
        // @ts-expect-error conflicting modifiers
        name: 'string!?',
      },
    });
  });

  it('rejects the empty string', () => {
    defineSchemaTest({
      User: {
        // @ts-expect-error empty type string
        name: '',
      },
    });
  });

  it('rejects malformed type strings', () => {
    defineSchemaTest({
      User: {
        // @ts-expect-error decimal precision out of range
        price: 'decimal(39,2)',
        // @ts-expect-error default does not fit the type
        age: 'int = "x"',
        // @ts-expect-error a one-value enum
        status: '"a"',
        // @ts-expect-error duplicate modifier
        tag: 'string##',
        // @ts-expect-error modifiers before []
        tags: 'string![]',
        // @ts-expect-error a field is a type string or a field object
        flag: true,
      },
    });
  });

  it('rejects a bad type inside a field object, at its type', () => {
    defineSchemaTest({
      User: {
        name: {
          // @ts-expect-error unknown type name
          type: 'strng',
          required: true,
        },
      },
    });
  });

  it('rejects relations to collections outside the set', () => {
    defineSchemaTest({
      User: { name: 'string!' },
      Post: {
        author: '-> User',
        // @ts-expect-error unknown relation target
        editor: '-> Usr',
      },
    });
  });

  it('rejects inverses that do not point back', () => {
    defineSchemaTest({
      User: {
        // @ts-expect-error Post.title is not a forward relation to User
        posts: '<- Post.title[]',
        // @ts-expect-error Post has no field 'missing'
        drafts: '<- Post.missing[]',
      },
      Post: {
        title: 'string!',
        // @ts-expect-error User.comments does not exist as '<- Post.author'
        author: '-> User.comments',
      },
    });
  });

  it('rejects unknown directives, system fields and bad field names', () => {
    defineSchemaTest({
      User: {
        // @ts-expect-error unknown directive
        $partition: ['tenantId'],
        // @ts-expect-error system field
        $id: 'string',
        // @ts-expect-error field names start lower case
        Name: 'string',
        // @ts-expect-error reserved prefix
        _cf_hidden: 'string',
      },
    });
  });
});
