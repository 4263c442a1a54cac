/**
 * `onDelete` on forward relations (issue 5 §1): field objects
 * (`{ type: '-> User', onDelete: 'cascade' }`) and the text form
 * (`@onDelete(set null)`) parse to the same field, print back, and refuse
 * what cannot work, with stable codes and expected-vs-found messages.
 */
import { describe, expect, it } from 'vitest';
import { IceTypeParseError, parseSchema, parseSchemas, printSchema, printSchemas } from '../../src/index.js';

function issues(fn: () => unknown): { code: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IceTypeParseError);
    return (error as IceTypeParseError).issues.map(({ code, message }) => ({ code, message }));
  }
  throw new Error('expected a parse error');
}

describe('onDelete', () => {
  it('reads the same from field objects and the text form, and prints back in both', () => {
    const object = parseSchema({
      $type: 'File',
      folder: { type: '-> Folder!', onDelete: 'cascade' },
      owner: { type: '-> Person', onDelete: 'set null' },
      tags: { type: '-> Tag[]!', onDelete: 'set null' },
      pin: { type: '-> Pin', onDelete: 'restrict' },
      other: '-> Pin',
    });
    const [text] = parseSchemas('File {\n  folder: -> Folder! @onDelete(cascade)\n  owner: -> Person @onDelete(set null)\n  tags: -> Tag[]! @onDelete(set null)\n  pin: -> Pin @onDelete(restrict)\n  other: -> Pin\n}');
    expect(text).toEqual(object);
    expect([...object.fields.values()].map((f) => f.onDelete)).toEqual(['cascade', 'set null', 'set null', 'restrict', undefined]);
    expect(parseSchemas(printSchemas([object]))[0]).toEqual(object);
    expect(parseSchema(printSchema(object))).toEqual(object);
    expect(printSchema(object).folder).toEqual({ type: '-> Folder!', onDelete: 'cascade' });
  });

  it('is refused where it cannot apply', () => {
    expect(issues(() => parseSchema({ $type: 'F', owner: { type: '-> Person!', onDelete: 'set null' } }))).toEqual([
      { code: 'INVALID_RELATION', message: 'expected onDelete: "set null" on an optional relation (it clears the field), found a required one ("!")' },
    ]);
    expect(issues(() => parseSchema({ $type: 'F', name: { type: 'string', onDelete: 'cascade' } }))).toEqual([
      { code: 'INVALID_RELATION', message: 'expected onDelete only on a forward relation (-> T), found it on a field that is not a relation' },
    ]);
    expect(issues(() => parseSchema({ $type: 'F', files: { type: '<- File.folder[]', onDelete: 'cascade' } }))[0]!.message).toContain('found it on a "<-" relation');
    expect(issues(() => parseSchema({ $type: 'F', owner: { type: '-> Person', onDelete: 'SET NULL' } }))).toEqual([
      { code: 'INVALID_FIELD_OBJECT', message: 'expected onDelete to be one of "restrict", "cascade", "set null", found "SET NULL"' },
    ]);
    expect(issues(() => parseSchemas('F {\n  owner: -> Person! @onDelete(set null)\n}'))[0]).toEqual({
      code: 'INVALID_RELATION',
      message: 'expected @onDelete: "set null" on an optional relation (it clears the field), found a required one ("!")',
    });
    expect(issues(() => parseSchemas('F {\n  owner: -> Person @onDelete()\n}'))[0]!.code).toBe('UNEXPECTED_TOKEN');
    expect(issues(() => parseSchemas('F {\n  owner: -> Person @onDelete(cascade) @onDelete(restrict)\n}'))[0]!.message).toBe('expected @onDelete at most once, found it again');
    expect(issues(() => parseSchemas('F {\n  owner: -> Person @onDelete(explode)\n}'))[0]!.message).toContain('found "explode"');
  });
});
