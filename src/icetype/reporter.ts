/**
 * Collects the issues of one parse or validation run (ICETYPE.md §3), and
 * puts source positions on them when the schema came from text.
 */
import type { IssueCode, SchemaIssue } from './ast.js';
import { makeIssue, type SourcePosition } from './errors.js';
import { lookupPosition } from './source-map.js';

/** An issue sink shared by the parsers and the validator. */
export class Reporter {
  readonly errors: SchemaIssue[] = [];
  readonly warnings: SchemaIssue[] = [];
  /** Positions of the schema being checked (text form only). */
  positions: ReadonlyMap<string, SourcePosition> | undefined;

  constructor(positions?: ReadonlyMap<string, SourcePosition>) {
    this.positions = positions;
  }

  /** Records an error at `path`, positioned at `at` (default: the path itself). */
  error(code: IssueCode, message: string, path: readonly string[], at: readonly string[] = path): void {
    this.errors.push(makeIssue(code, message, path, lookupPosition(this.positions, at)));
  }

  /** Records a warning. */
  warn(code: IssueCode, message: string, path: readonly string[], at: readonly string[] = path): void {
    this.warnings.push(makeIssue(code, message, path, lookupPosition(this.positions, at)));
  }

  /** Records ready-made issues (from a thrown `IceTypeParseError`). */
  addAll(issues: readonly SchemaIssue[]): void {
    for (const issue of issues) this.errors.push(issue);
  }
}
