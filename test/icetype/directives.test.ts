import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTIVES, parseDirectives, type IssueCode, type SchemaIssue } from '../../src/icetype/index.js';

function onlyIssue(definition: object): SchemaIssue {
  const { issues } = parseDirectives(definition);
  expect(issues).toHaveLength(1);
  expect(issues[0]!.message).toMatch(/expected .*found/);
  return issues[0]!;
}

function expectIssue(definition: object, code: IssueCode, path: string[]): SchemaIssue {
  const issue = onlyIssue(definition);
  expect({ code: issue.code, path: issue.path }).toEqual({ code, path });
  expect(issue.line).toBeUndefined();
  return issue;
}

describe('parseDirectives: shapes', () => {
  it('gives the defaults when there are no directives', () => {
    expect(parseDirectives({ $type: 'User', name: 'string' })).toEqual({ directives: DEFAULT_DIRECTIVES, issues: [] });
    expect(DEFAULT_DIRECTIVES).toEqual({ partitionBy: [], index: [], unique: [], fts: [], vector: [] });
  });

  it('reads every directive in its documented shape', () => {
    const { directives, issues } = parseDirectives({
      $type: 'User',
      $partitionBy: ['tenantId'],
      $index: [['email'], { fields: ['tenantId', 'createdAt'] }, { fields: ['handle'], unique: true }],
      $unique: [['tenantId', 'email']],
      $fts: ['bio', 'title'],
      $vector: { embedding: 768 },
      $storage: 'batched',
      $cdc: false,
      $strict: false,
    });
    expect(issues).toEqual([]);
    expect(directives).toEqual({
      partitionBy: ['tenantId'],
      index: [
        { fields: ['email'], unique: false },
        { fields: ['tenantId', 'createdAt'], unique: false },
        { fields: ['handle'], unique: true },
      ],
      unique: [['tenantId', 'email']],
      fts: ['bio', 'title'],
      vector: [{ field: 'embedding', dimensions: 768 }],
      storage: 'batched',
      cdc: false,
      strict: false,
    });
  });

  it('reads $vector as a list of field names', () => {
    expect(parseDirectives({ $type: 'A', $vector: ['a', 'b'] }).directives.vector).toEqual([{ field: 'a' }, { field: 'b' }]);
  });

  it('uses options.name for paths when there is no $type', () => {
    expect(parseDirectives({ $fts: 'x' }, { name: 'Doc' }).issues[0]!.path).toEqual(['Doc', '$fts']);
  });
});

describe('parseDirectives: errors', () => {
  it('INVALID_DIRECTIVE: $index entries must be lists or { fields, unique? }', () => {
    const issue = expectIssue({ $type: 'User', $index: ['email'] }, 'INVALID_DIRECTIVE', ['User', '$index', '0']);
    expect(issue.message).toBe('expected an index as ["field", ...] or { fields: [...], unique?: boolean }, found "email"');
    expectIssue({ $type: 'User', $index: 'email' }, 'INVALID_DIRECTIVE', ['User', '$index']);
    expectIssue({ $type: 'User', $index: [[]] }, 'INVALID_DIRECTIVE', ['User', '$index', '0']);
    expectIssue({ $type: 'User', $index: [['a', 1]] }, 'INVALID_DIRECTIVE', ['User', '$index', '0', '1']);
    expectIssue({ $type: 'User', $index: [['a', 'a']] }, 'INVALID_DIRECTIVE', ['User', '$index', '0', '1']);
    expectIssue({ $type: 'User', $index: [{ fields: ['a'], unique: 'yes' }] }, 'INVALID_DIRECTIVE', ['User', '$index', '0', 'unique']);
    expectIssue({ $type: 'User', $index: [{ fields: 'a' }] }, 'INVALID_DIRECTIVE', ['User', '$index', '0', 'fields']);
    expectIssue({ $type: 'User', $index: [{ fields: ['a'], sparse: true }] }, 'INVALID_DIRECTIVE', ['User', '$index', '0']);
  });

  it('INVALID_DIRECTIVE: $partitionBy, $fts must be string lists', () => {
    const issue = expectIssue({ $type: 'User', $partitionBy: 'tenantId' }, 'INVALID_DIRECTIVE', ['User', '$partitionBy']);
    expect(issue.message).toBe('expected an array of field names such as ["tenantId"], found "tenantId"');
    expectIssue({ $type: 'User', $fts: [1] }, 'INVALID_DIRECTIVE', ['User', '$fts', '0']);
  });

  it('INVALID_DIRECTIVE: $unique must be a list of non-empty lists', () => {
    expectIssue({ $type: 'User', $unique: ['a'] }, 'INVALID_DIRECTIVE', ['User', '$unique', '0']);
    expect(parseDirectives({ $type: 'User', $unique: ['a', 'b'] }).issues.map((i) => i.path)).toEqual([
      ['User', '$unique', '0'],
      ['User', '$unique', '1'],
    ]);
    expectIssue({ $type: 'User', $unique: [[]] }, 'INVALID_DIRECTIVE', ['User', '$unique', '0']);
    expect(parseDirectives({ $type: 'User', $unique: [['a']] }).issues).toEqual([]);
  });

  it('INVALID_DIRECTIVE: $vector must be { field: dims } or a list', () => {
    expectIssue({ $type: 'User', $vector: 'embedding' }, 'INVALID_DIRECTIVE', ['User', '$vector']);
    expectIssue({ $type: 'User', $vector: { embedding: 0 } }, 'INVALID_DIRECTIVE', ['User', '$vector', 'embedding']);
    expectIssue({ $type: 'User', $vector: { embedding: 1.5 } }, 'INVALID_DIRECTIVE', ['User', '$vector', 'embedding']);
  });

  it('INVALID_DIRECTIVE: $storage, $cdc, $strict values', () => {
    expectIssue({ $type: 'User', $storage: 'columns' }, 'INVALID_DIRECTIVE', ['User', '$storage']);
    expectIssue({ $type: 'User', $cdc: 'yes' }, 'INVALID_DIRECTIVE', ['User', '$cdc']);
    expectIssue({ $type: 'User', $strict: 0 }, 'INVALID_DIRECTIVE', ['User', '$strict']);
  });

  it('INVALID_DIRECTIVE: $type that is not a string', () => {
    expectIssue({ $type: 5 }, 'INVALID_DIRECTIVE', ['?', '$type']);
  });

  it('INVALID_NAME: $type that is not a collection name', () => {
    expectIssue({ $type: 'user' }, 'INVALID_NAME', ['user', '$type']);
  });

  it('UNKNOWN_DIRECTIVE: names the known ones', () => {
    const issue = expectIssue({ $type: 'User', $ttl: 5 }, 'UNKNOWN_DIRECTIVE', ['User', '$ttl']);
    expect(issue.message).toMatch(/expected one of \$type, \$partitionBy, .*found "\$ttl"/);
  });

  it('RESERVED_NAME: a system field used as a key', () => {
    expectIssue({ $type: 'User', $id: 'string' }, 'RESERVED_NAME', ['User', '$id']);
    expectIssue({ $type: 'User', $createdAt: 'timestamp' }, 'RESERVED_NAME', ['User', '$createdAt']);
  });

  it('reports every problem, not only the first', () => {
    const { issues } = parseDirectives({ $type: 'User', $index: ['a'], $fts: 'b', $nope: 1 });
    expect(issues.map((i) => i.code)).toEqual(['INVALID_DIRECTIVE', 'INVALID_DIRECTIVE', 'UNKNOWN_DIRECTIVE']);
  });

  it('INVALID_SCHEMA: not an object', () => {
    const { issues } = parseDirectives([] as unknown as object);
    expect(issues.map((i) => i.code)).toEqual(['INVALID_SCHEMA']);
  });
});
