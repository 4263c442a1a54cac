import { describe, expect, it } from 'vitest';
import { parseField, parseSchema, parseSchemas, printSchema, printSchemas, printTypeString } from '../../src/icetype/index.js';

describe('printTypeString', () => {
  it('prints canonical type strings', () => {
    const cases: [string, string][] = [
      ['string', 'string'],
      ['String?', 'string'],
      ['boolean!', 'bool!'],
      ['bigint#!', 'long!#'],
      ['int[]#? = [1, 2]', 'int[]# = [1,2]'],
      ['decimal(7,2) = 1.50', 'decimal(7,2) = "1.50"'],
      ['decimal(7) = 1.0', 'decimal(7,0) = "1.0"'],
      ['varchar(3) = \'a"b\'', 'varchar(3) = "a\\"b"'],
      ['vector(2) = [0.5, 1e5]', 'vector(2) = [0.5,100000]'],
      ['"a" | \'b\' = "b"', '"a" | "b" = "b"'],
      ['timestamp = now()', 'timestamp = now()'],
      ['json = {"k": [null]}', 'json = {"k":[null]}'],
      ['-> User.posts[]!', '-> User.posts[]!'],
      ['<- Post.author[]', '<- Post.author[]'],
      ['~> Product?', '~> Product'],
    ];
    for (const [src, printed] of cases) {
      expect(printTypeString(parseField(src))).toBe(printed);
      expect(parseField(printed)).toEqual(parseField(src));
    }
  });
});

describe('printSchema and printSchemas', () => {
  const s = parseSchema({
    $type: 'User',
    $partitionBy: ['t'],
    $index: [['email'], { fields: ['t', 'email'], unique: true }],
    $unique: [['t', 'name']],
    $fts: ['name'],
    $vector: { e: 2 },
    $storage: 'rows',
    $cdc: true,
    $strict: false,
    t: 'string!',
    email: { type: 'string', unique: true, doc: 'the "login"' },
    name: 'text',
    e: 'vector(2)',
  });

  it('prints the object form, leaving out default directives', () => {
    expect(printSchema(s)).toEqual({
      $type: 'User',
      $partitionBy: ['t'],
      $index: [['email'], { fields: ['t', 'email'], unique: true }],
      $unique: [['t', 'name']],
      $fts: ['name'],
      $vector: { e: 2 },
      $storage: 'rows',
      $cdc: true,
      $strict: false,
      t: 'string!',
      email: { type: 'string', unique: true, doc: 'the "login"' },
      name: 'text',
      e: 'vector(2)',
    });
    expect(printSchema(parseSchema({ $type: 'A', $vector: ['x'], x: 'vector(3)' }))).toEqual({
      $type: 'A',
      $vector: ['x'],
      x: 'vector(3)',
    });
  });

  it('prints the text form', () => {
    expect(printSchemas([s, parseSchema({ $type: 'Post', author: '-> User!' })])).toBe(
      [
        'User @partitionBy(t) @index(email) @index(t, email, unique: true) @unique(t, name) @fts(name) @vector(e: 2) @storage(rows) @cdc(true) @strict(false) {',
        '  t: string!',
        '  email: string @unique @doc("the \\"login\\"")',
        '  name: text',
        '  e: vector(2)',
        '}',
        '',
        'Post {',
        '  author: -> User!',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips both forms', () => {
    expect(parseSchema(printSchema(s))).toEqual(s);
    expect(parseSchemas(printSchemas([s]))).toEqual([s]);
  });
});

describe('printSchema with awkward field names', () => {
  it('keeps a field named __proto__ as an own property that parses back', () => {
    const schema = parseSchema(JSON.parse('{"$type":"T","__proto__":"int"}') as object);
    const printed = printSchema(schema);
    expect(Object.keys(printed)).toEqual(['$type', '__proto__']);
    expect(parseSchema(printed)).toEqual(schema);
  });
});
