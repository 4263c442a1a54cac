export { EdgeTable, type NewRelation, type StoredRelation } from './edge-table.js';
export { relationPath, relationPaths, type RelationKind, type RelationPath } from './relation-paths.js';
export { relatedIds, type RelatedRef } from './related-ids.js';
