import type { IceTypeSchema } from '../icetype/ast.js';
import { SYSTEM_FIELD_NAMES } from '../compile/system-columns.js';
import { toRowValues, type NormalizedDocument } from '../store/values/index.js';
import { setOwn } from '../store/values/normalized-document.js';
import { bytesToHex } from '../util/hex.js';
import { isBlobColumn, isJsonColumn } from './row-json.js';

const SYSTEM = new Set<string>(SYSTEM_FIELD_NAMES);

/**
 * A document as a change-log image, in exactly the form the CDC triggers
 * write for a row (`row-json.ts`): the row's column values, JSON columns
 * embedded as JSON, BLOBs as hex, timestamps as epoch ms, booleans as 0/1.
 * So one decoder (`imageDecoder`) reads the images of both layouts. Fields a
 * non-strict schema does not declare (batched collections keep them) follow
 * as the JSON values they are.
 */
export function documentImage(schema: IceTypeSchema, doc: NormalizedDocument): Record<string, unknown> {
  const image: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(toRowValues(schema, doc))) {
    const field = schema.fields.get(column);
    if (value === null || field === undefined) setOwn(image, column, value);
    else if (isJsonColumn(field)) setOwn(image, column, JSON.parse(value as string));
    else if (isBlobColumn(field)) setOwn(image, column, bytesToHex(new Uint8Array(value as ArrayBuffer)));
    else setOwn(image, column, value);
  }
  for (const [key, value] of Object.entries(doc)) {
    if (!SYSTEM.has(key) && !schema.fields.has(key)) setOwn(image, key, value);
  }
  return image;
}
