/**
 * Evolution rules of issue 3 §4: every compatible and incompatible kind of
 * change, each incompatible one with a stable code and a reason saying
 * what was expected and what was found.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema, printSchema } from '../../src/icetype/index.js';
import { checkEvolution, type SchemaChangeKind, type SchemaProblemCode } from '../../src/registry/index.js';

const user = (fields: Record<string, unknown>) => parseSchema({ $type: 'User', ...fields });

interface Compatible {
  readonly name: string;
  readonly from: Record<string, unknown>;
  readonly to: Record<string, unknown>;
  readonly kind: SchemaChangeKind;
  readonly path?: readonly string[];
}

const compatible: Compatible[] = [
  { name: 'new optional field', from: { a: 'string' }, to: { a: 'string', b: 'int?' }, kind: 'FIELD_ADDED', path: ['User', 'b'] },
  { name: 'new required field with a default', from: { a: 'string' }, to: { a: 'string', b: 'int! = 0' }, kind: 'FIELD_ADDED' },
  { name: 'new required fuzzy relation (stores nothing)', from: { a: 'string' }, to: { a: 'string', team: '~> Team!' }, kind: 'FIELD_ADDED' },
  { name: 'removed field', from: { a: 'string', b: 'int!' }, to: { a: 'string' }, kind: 'FIELD_REMOVED', path: ['User', 'b'] },
  { name: 'field made optional', from: { a: 'string!' }, to: { a: 'string' }, kind: 'MADE_OPTIONAL' },
  { name: 'new index (#)', from: { a: 'string' }, to: { a: 'string#' }, kind: 'INDEX_ADDED', path: ['User', 'a'] },
  { name: 'new index ($index)', from: { a: 'string', b: 'int' }, to: { $index: [['a', 'b']], a: 'string', b: 'int' }, kind: 'INDEX_ADDED', path: ['User', '$index', '0'] },
  { name: 'removed index', from: { $index: [['a']], a: 'string' }, to: { a: 'string' }, kind: 'INDEX_REMOVED' },
  { name: 'removed unique constraint', from: { $unique: [['a']], a: 'string' }, to: { a: 'string' }, kind: 'UNIQUE_REMOVED' },
  { name: 'unique constraint moved from the field to $unique', from: { a: { type: 'string', unique: true } }, to: { $unique: [['a']], a: 'string' }, kind: 'UNIQUE_ADDED' },
  { name: 'reordered $index entries', from: { $index: [['a'], ['b']], a: 'string', b: 'int' }, to: { $index: [['b'], ['a']], a: 'string', b: 'int' }, kind: 'DIRECTIVE_CHANGED' },
  { name: 'doc changed', from: { a: 'string' }, to: { a: { type: 'string', doc: 'the name' } }, kind: 'DOC_CHANGED' },
  { name: 'default changed', from: { a: 'int = 1' }, to: { a: 'int = 2' }, kind: 'DEFAULT_CHANGED' },
  { name: 'int → long', from: { a: 'int' }, to: { a: 'long' }, kind: 'TYPE_CHANGED' },
  { name: 'float → double', from: { a: 'float' }, to: { a: 'double' }, kind: 'TYPE_CHANGED' },
  { name: 'int[] → long[]', from: { a: 'int[]' }, to: { a: 'long[]' }, kind: 'TYPE_CHANGED' },
  { name: 'decimal precision widened', from: { a: 'decimal(10,2)' }, to: { a: 'decimal(12,2)' }, kind: 'TYPE_CHANGED' },
  { name: 'enum value added', from: { a: '"x" | "y"' }, to: { a: '"x" | "y" | "z"' }, kind: 'TYPE_CHANGED' },
  { name: 'varchar widened', from: { a: 'varchar(10)' }, to: { a: 'varchar(20)' }, kind: 'TYPE_CHANGED' },
  { name: 'varchar → string', from: { a: 'varchar(10)' }, to: { a: 'string' }, kind: 'TYPE_CHANGED' },
  { name: 'uuid → string', from: { a: 'uuid' }, to: { a: 'string' }, kind: 'TYPE_CHANGED' },
  { name: 'enum → text', from: { a: '"x" | "y"' }, to: { a: 'text' }, kind: 'TYPE_CHANGED' },
  { name: 'fields reordered', from: { a: 'string', b: 'int' }, to: { b: 'int', a: 'string' }, kind: 'FIELDS_REORDERED', path: ['User'] },
  { name: '$fts added', from: { a: 'string' }, to: { $fts: ['a'], a: 'string' }, kind: 'DIRECTIVE_CHANGED', path: ['User', '$fts'] },
  { name: '$cdc changed', from: { a: 'string' }, to: { $cdc: false, a: 'string' }, kind: 'DIRECTIVE_CHANGED', path: ['User', '$cdc'] },
  { name: '$strict changed', from: { $strict: true, a: 'string' }, to: { $strict: false, a: 'string' }, kind: 'DIRECTIVE_CHANGED' },
  { name: 'inverse of a backward relation changed', from: { posts: '<- Post.author[]' }, to: { posts: '<- Post.writer[]' }, kind: 'RELATION_CHANGED' },
];

interface Incompatible {
  readonly name: string;
  readonly from: Record<string, unknown>;
  readonly to: Record<string, unknown>;
  readonly code: SchemaProblemCode;
  readonly expected: string;
  readonly found: string;
  readonly path?: readonly string[];
}

const incompatible: Incompatible[] = [
  { name: 'int → string', from: { a: 'int' }, to: { a: 'string' }, code: 'TYPE_CHANGED', expected: 'int or a widening of it (long)', found: 'string', path: ['User', 'a'] },
  { name: 'long → int', from: { a: 'long' }, to: { a: 'int' }, code: 'TYPE_CHANGED', expected: 'long', found: 'int' },
  { name: 'int → double', from: { a: 'int' }, to: { a: 'double' }, code: 'TYPE_CHANGED', expected: 'int or a widening of it (long)', found: 'double' },
  { name: 'string → uuid', from: { a: 'string' }, to: { a: 'uuid' }, code: 'TYPE_CHANGED', expected: 'string or a type holding all its values (string, text)', found: 'uuid' },
  { name: 'string → json', from: { a: 'string' }, to: { a: 'json' }, code: 'TYPE_CHANGED', expected: 'string or a type holding all its values (string, text)', found: 'json' },
  { name: 'new required field without default', from: { a: 'string' }, to: { a: 'string', b: 'int!' }, code: 'REQUIRED_FIELD_ADDED', expected: 'a new field to be optional or to have a default (existing documents lack it)', found: 'required int! without a default', path: ['User', 'b'] },
  { name: 'optional → required', from: { a: 'int' }, to: { a: 'int!' }, code: 'FIELD_MADE_REQUIRED', expected: '"a" to stay optional (existing documents may lack it)', found: 'required' },
  { name: 'optional → required with a default', from: { a: 'int' }, to: { a: 'int! = 0' }, code: 'FIELD_MADE_REQUIRED', expected: '"a" to stay optional (existing documents may lack it)', found: 'required' },
  { name: 'scalar → array', from: { a: 'string' }, to: { a: 'string[]' }, code: 'ARRAY_CHANGED', expected: 'string', found: 'string[]' },
  { name: 'array → scalar', from: { a: 'int[]' }, to: { a: 'int' }, code: 'ARRAY_CHANGED', expected: 'int[]', found: 'int' },
  { name: 'relation → list of relations', from: { a: '-> Team' }, to: { a: '-> Team[]' }, code: 'ARRAY_CHANGED', expected: '-> Team', found: '-> Team[]' },
  { name: 'relation target', from: { a: '-> Team' }, to: { a: '-> Group' }, code: 'RELATION_TARGET_CHANGED', expected: 'a relation to Team', found: 'a relation to Group' },
  { name: 'relation operator', from: { a: '-> Team' }, to: { a: '~> Team' }, code: 'RELATION_CHANGED', expected: 'the relation "-> Team"', found: 'the relation "~> Team"' },
  { name: 'plain field → relation', from: { a: 'string' }, to: { a: '-> Team' }, code: 'RELATION_CHANGED', expected: 'string', found: 'the relation "-> Team"' },
  { name: 'enum value removed', from: { a: '"x" | "y" | "z"' }, to: { a: '"x" | "y"' }, code: 'ENUM_VALUE_REMOVED', expected: 'every value of "x" | "y" | "z"', found: '"x" | "y" (without "z")' },
  { name: 'decimal precision narrowed', from: { a: 'decimal(10,2)' }, to: { a: 'decimal(8,2)' }, code: 'DECIMAL_NARROWED', expected: 'decimal(P,2) with P ≥ 10', found: 'decimal(8,2)' },
  { name: 'decimal scale narrowed', from: { a: 'decimal(10,2)' }, to: { a: 'decimal(10,1)' }, code: 'DECIMAL_NARROWED', expected: 'decimal(P,2) with P ≥ 10', found: 'decimal(10,1)' },
  { name: 'decimal scale widened', from: { a: 'decimal(10,2)' }, to: { a: 'decimal(12,4)' }, code: 'DECIMAL_SCALE_CHANGED', expected: 'decimal(P,2) with P ≥ 10 (the same scale)', found: 'decimal(12,4)' },
  { name: 'varchar narrowed', from: { a: 'varchar(20)' }, to: { a: 'varchar(10)' }, code: 'VARCHAR_NARROWED', expected: 'varchar(N) with N ≥ 20, or string', found: 'varchar(10)' },
  { name: 'vector dimensions', from: { a: 'vector(3)' }, to: { a: 'vector(4)' }, code: 'VECTOR_DIMENSIONS_CHANGED', expected: 'vector(3)', found: 'vector(4)' },
  { name: '$storage', from: { $storage: 'rows', a: 'string' }, to: { $storage: 'batched', a: 'string' }, code: 'STORAGE_CHANGED', expected: '$storage rows', found: 'batched', path: ['User', '$storage'] },
  { name: '$storage set where the preset decided', from: { a: 'string' }, to: { $storage: 'rows', a: 'string' }, code: 'STORAGE_CHANGED', expected: "$storage unset (the preset's layout)", found: 'rows' },
  { name: '$partitionBy', from: { $partitionBy: ['a'], a: 'string!', b: 'string!' }, to: { $partitionBy: ['b'], a: 'string!', b: 'string!' }, code: 'PARTITION_CHANGED', expected: '$partitionBy [a] (documents are placed by it)', found: '[b]' },
  { name: 'unique field', from: { a: 'string' }, to: { a: { type: 'string', unique: true } }, code: 'UNIQUE_ADDED', expected: 'no new unique constraint while the collection may hold documents', found: 'unique "a"', path: ['User', 'a'] },
  { name: '$unique', from: { a: 'string', b: 'int' }, to: { $unique: [['a', 'b']], a: 'string', b: 'int' }, code: 'UNIQUE_ADDED', expected: 'no new unique constraint while the collection may hold documents', found: '$unique [a, b]', path: ['User', '$unique', '0'] },
  { name: 'unique $index', from: { a: 'string' }, to: { $index: [{ fields: ['a'], unique: true }], a: 'string' }, code: 'UNIQUE_ADDED', expected: 'no new unique constraint while the collection may hold documents', found: '$index [a] (unique)' },
];

describe('checkEvolution', () => {
  it('finds nothing between equal schemas', () => {
    const s = { $index: [['a']], a: 'string!', b: 'int[] = [1]', c: '-> Team' };
    expect(checkEvolution(user(s), user(s))).toEqual({ compatible: true, changes: [], problems: [] });
  });

  describe.each(compatible)('accepts: $name', ({ from, to, kind, path }) => {
    it(`reports ${kind} as compatible`, () => {
      const result = checkEvolution(user(from), user(to));
      expect(result.problems).toEqual([]);
      expect(result.compatible).toBe(true);
      const change = result.changes.find((c) => c.kind === kind);
      expect(change).toBeDefined();
      expect(change!.compatible).toBe(true);
      if (path !== undefined) expect(change!.path).toEqual(path);
      // Every difference in the printed definition shows up as a change.
      expect(JSON.stringify(printSchema(user(from)))).not.toBe(JSON.stringify(printSchema(user(to))));
    });
  });

  describe.each(incompatible)('refuses: $name', ({ from, to, code, expected, found, path }) => {
    it(`with ${code}, saying what was expected`, () => {
      const result = checkEvolution(user(from), user(to));
      expect(result.compatible).toBe(false);
      expect(result.problems).toHaveLength(1);
      const problem = result.problems[0]!;
      expect(problem).toMatchObject({ code, expected, found, message: `expected ${expected}, found ${found}` });
      if (path !== undefined) expect(problem.path).toEqual(path);
      expect(result.changes.some((c) => !c.compatible && c.path.join('.') === problem.path.join('.'))).toBe(true);
    });
  });

  it('accepts a new unique constraint when the collection is empty', () => {
    const result = checkEvolution(user({ a: 'string' }), user({ a: { type: 'string', unique: true } }), { empty: true });
    expect(result.compatible).toBe(true);
    expect(result.changes).toMatchObject([{ kind: 'UNIQUE_ADDED', compatible: true }]);
  });

  it('reports every problem at once, removed fields first, then fields in order, then directives', () => {
    const result = checkEvolution(
      user({ $storage: 'rows', gone: 'string', a: 'int', b: 'string' }),
      user({ $storage: 'batched', b: 'string[]', a: 'string', c: 'int!' }),
    );
    expect(result.changes.map((c) => c.kind)).toEqual(['FIELD_REMOVED', 'ARRAY_CHANGED', 'TYPE_CHANGED', 'FIELD_ADDED', 'FIELDS_REORDERED', 'DIRECTIVE_CHANGED']);
    expect(result.problems.map((p) => p.code)).toEqual(['ARRAY_CHANGED', 'TYPE_CHANGED', 'REQUIRED_FIELD_ADDED', 'STORAGE_CHANGED']);
  });

  it('says nothing about document values in descriptions', () => {
    const result = checkEvolution(user({ a: 'string = "secret-default"' }), user({ a: 'string = "other"' }));
    expect(result.changes).toEqual([{ kind: 'DEFAULT_CHANGED', path: ['User', 'a'], compatible: true, description: 'changed the default of "a"' }]);
  });
});
