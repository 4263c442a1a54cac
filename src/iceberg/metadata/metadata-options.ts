/**
 * The options of table metadata generation, checked (Iceberg spec "Table
 * Metadata Fields", "Paths in Metadata"): an absolute location with a
 * scheme, string-to-string properties, a UUID, a whole epoch-ms time.
 */
import { isUuidString } from '../../icetype/formats.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { GeneratorError } from './generator-error.js';

/** Options of `generateTableMetadata`. */
export interface TableMetadataOptions {
  /** The table's base location: an absolute URI with a scheme (`s3://bucket/tables/users`, `file:///…`); a trailing `/` is dropped. */
  readonly location: string;
  /** Table properties, added to (and overriding) the defaults `write.format.default=parquet`, `write.parquet.compression-codec=zstd`. */
  readonly properties?: Readonly<Record<string, string>>;
  /** The registry's field ids (`db.registry.getFieldIds(name)`); default: those registering the schema as version 1 would give. */
  readonly fieldIds?: FieldIdAssignment;
  /** The table's UUID; default: a random one. */
  readonly tableUuid?: string;
  /** `last-updated-ms`; default: now. */
  readonly lastUpdatedMs?: number;
}

/** The options of `generateIcebergMetadata` beyond location and properties. */
export type IcebergMetadataOptions = Omit<TableMetadataOptions, 'location' | 'properties'>;

/** Properties every generated table has. zstd: what the exporter writes (DESIGN.md §5). */
export const DEFAULT_PROPERTIES: Readonly<Record<string, string>> = {
  'write.format.default': 'parquet',
  'write.parquet.compression-codec': 'zstd',
};

/** `scheme:` then something: `s3://b/t`, `file:///tmp/t`, `r2://bucket/t`. */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\/*[^/\s]/;

/** The checked options, defaults applied. */
export interface CheckedOptions {
  readonly location: string;
  readonly properties: Record<string, string>;
  readonly tableUuid: string;
  readonly lastUpdatedMs: number;
}

/** Checks `options`; throws `GeneratorError` `INVALID_OPTION` (context: `collection`). */
export function checkOptions(collection: string, options: TableMetadataOptions): CheckedOptions {
  const bad = (message: string): GeneratorError => new GeneratorError('INVALID_OPTION', message, { collection });
  if (typeof options !== 'object' || options === null) throw bad(`expected options { location, … }, found ${options === null ? 'null' : typeof options}`);
  const { location, properties = {}, tableUuid = crypto.randomUUID(), lastUpdatedMs = Date.now() } = options;
  if (typeof location !== 'string' || !ABSOLUTE_URI.test(location)) {
    throw bad(`expected location to be an absolute URI with a scheme (e.g. "s3://bucket/tables/users"), found ${typeof location === 'string' ? 'a string without one' : typeof location}`);
  }
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw bad(`expected properties to be an object of strings, found ${Array.isArray(properties) ? 'an array' : properties === null ? 'null' : typeof properties}`);
  }
  const merged: Record<string, string> = { ...DEFAULT_PROPERTIES };
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value !== 'string') throw bad(`expected property ${JSON.stringify(key)} to be a string (Iceberg properties are string to string), found ${typeof value}`);
    // The spec: format-version is a field of the metadata, never a property.
    if (key === 'format-version') throw bad('expected no "format-version" property (it is the metadata field format-version, always 2 here), found one');
    Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (typeof tableUuid !== 'string' || !isUuidString(tableUuid)) {
    throw bad(`expected tableUuid to be a UUID such as "550e8400-e29b-41d4-a716-446655440000", found ${typeof tableUuid === 'string' ? 'a string in another format' : typeof tableUuid}`);
  }
  if (!Number.isSafeInteger(lastUpdatedMs) || lastUpdatedMs < 0) {
    throw bad(`expected lastUpdatedMs to be whole epoch milliseconds (≥ 0), found ${typeof lastUpdatedMs === 'number' ? lastUpdatedMs : typeof lastUpdatedMs}`);
  }
  return { location: location.replace(/\/+$/, ''), properties: merged, tableUuid: tableUuid.toLowerCase(), lastUpdatedMs };
}
