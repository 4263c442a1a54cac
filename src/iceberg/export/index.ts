export { createChangeExporter, type ChangeExporter, type IcebergCompaction } from './change-exporter.js';
export { compactChangelog, type ChangelogCompactionResult } from './compact-changelog.js';
export { compactMirror, type CompactionResult } from './compact-mirror.js';
export { exportChanges, type ExportResult } from './export-changes.js';
export { EXPORT_DEFAULTS, type ExportOptions } from './export-options.js';
export type { ExportContext, TableExport } from './export-target.js';
