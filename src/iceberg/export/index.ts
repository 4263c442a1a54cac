export { createChangeExporter, type ChangeExporter } from './change-exporter.js';
export { exportChanges, type ExportContext, type ExportOptions, type ExportResult } from './export-changes.js';
