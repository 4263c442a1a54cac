/**
 * Errors of the IceType parser (ICETYPE.md §3). Detection produces plain
 * `SchemaIssue` values; `formatIssue` turns one into a sentence; the error
 * class carries every issue that was found.
 */
import { IceTypeError } from '../errors.js';
import type { IssueCode, SchemaIssue } from './ast.js';

/** A 1-based source position. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Builds a `SchemaIssue`, leaving `line`/`column` out when no position is known.
 *
 * @example
 * makeIssue('UNKNOWN_TYPE', 'expected a type name, found "strng"', ['User', 'name'])
 */
export function makeIssue(
  code: IssueCode,
  message: string,
  path: readonly string[],
  position?: SourcePosition,
): SchemaIssue {
  return position === undefined
    ? { code, message, path }
    : { code, message, path, line: position.line, column: position.column };
}

/**
 * One issue as a sentence: `path: message at line:column`.
 *
 * @example
 * formatIssue({ code: 'UNKNOWN_TYPE', message: 'expected a type name, found "="', path: ['User', 'age'], line: 3, column: 8 })
 * // 'User.age: expected a type name, found "=" at 3:8'
 */
export function formatIssue(issue: SchemaIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const at = issue.line !== undefined ? ` at ${issue.line}:${issue.column ?? 1}` : '';
  return `${where}${issue.message}${at}`;
}

/**
 * Thrown by the IceType parsers. `code`, `path`, `line` and `column` describe
 * the first issue; `issues` holds all of them (a schema is checked completely
 * before anything is thrown).
 *
 * @example
 * try { parseField('int = "x"') } catch (e) {
 *   if (e instanceof IceTypeParseError) e.code // 'INVALID_DEFAULT'
 * }
 */
export class IceTypeParseError extends IceTypeError {
  override readonly name = 'IceTypeParseError';
  /** Code of the first issue. */
  declare readonly code: IssueCode;
  /** Path of the first issue, e.g. `['User', 'age']`. */
  readonly path: string[];
  /** 1-based line of the first issue, when known. */
  readonly line?: number;
  /** 1-based column of the first issue, when known. */
  readonly column?: number;
  /** Every issue found, in source order. Never empty. */
  readonly issues: SchemaIssue[];

  constructor(issues: readonly SchemaIssue[]) {
    const first = issues[0];
    if (first === undefined) throw new TypeError('IceTypeParseError needs at least one issue');
    super(
      first.code,
      issues.length === 1
        ? formatIssue(first)
        : `${issues.length} issues:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`,
    );
    this.path = [...first.path];
    if (first.line !== undefined) this.line = first.line;
    if (first.column !== undefined) this.column = first.column;
    this.issues = [...issues];
  }
}
