/**
 * Collects the issues of one document while it is checked, so that the
 * caller gets every issue at once in one `DocumentError`.
 */
import { DocumentError, type DocumentErrorCode, type DocumentIssue } from './document-error.js';

/** Where issues of one document go; `id` may be learnt while checking. */
export class IssueList {
  readonly issues: DocumentIssue[] = [];

  constructor(
    readonly collection: string,
    public id?: string,
  ) {}

  /** Records one issue. */
  add(code: DocumentErrorCode, path: readonly string[], message: string): void {
    const issue: DocumentIssue =
      this.id === undefined
        ? { code, message, collection: this.collection, path: [...path] }
        : { code, message, collection: this.collection, path: [...path], id: this.id };
    this.issues.push(issue);
  }

  /** Throws a `DocumentError` carrying every issue, if there is any. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new DocumentError(this.issues);
  }
}

/** Marks a value that failed its check; the issue is already recorded. */
export const INVALID: unique symbol = Symbol('invalid');
