/**
 * `parseRelation`: a relation string (ICETYPE.md §1.1 `relation`, §1.3) to a
 * `RelationDefinition`. The operator comes first; text before it is an error.
 */
import type { RelationDefinition } from './ast.js';
import { IceTypeParseError, makeIssue } from './errors.js';
import { TypeStringParser } from './field-parser.js';
import { Lexer } from './tokenizer.js';

const sharedLexer = new Lexer('', true);
const sharedParser = new TypeStringParser(sharedLexer, false);

/**
 * Parses `op Target ("." inverse)? ("[]")? ("?" | "!")?`. A trailing `!`/`?`
 * is accepted on forward relations but not kept here: whether a relation is
 * required is a property of the field (`FieldDefinition.required`, see
 * `parseField`). Throws `IceTypeParseError` (`INVALID_RELATION` and others).
 *
 * @example
 * parseRelation('<- Post.author[]') // { operator: '<-', target: 'Post', inverse: 'author', many: true }
 * parseRelation('-> User!')         // { operator: '->', target: 'User', many: false }
 */
export function parseRelation(relationString: string): RelationDefinition {
  if (typeof relationString !== 'string') {
    throw new IceTypeParseError([
      makeIssue('INVALID_RELATION', `expected a relation string such as "-> User", found ${typeof relationString}`, []),
    ]);
  }
  sharedLexer.reset(relationString, [], true);
  sharedLexer.next();
  const rel = sharedParser.parseRelationCore();
  sharedParser.parseRelationTail(rel);
  return rel;
}
