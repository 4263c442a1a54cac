/**
 * `db.rel`, the fluent relation traversal (DESIGN.md §4, issue 5 §2).
 * Explicit exports only.
 */
export { createRelationTraversal, type RelationTraversalOptions } from './create-relation-traversal.js';
export { RelationError, type RelationErrorCode } from './relation-error.js';
export type { RelationName, RelationTarget, RelationTraversal, Traversal, TraversalDocument, TraversalMethods, TraversalPageOptions } from './types.js';
