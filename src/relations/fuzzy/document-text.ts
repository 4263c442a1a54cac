import type { FieldDefinition } from '../../icetype/ast.js';
import type { NormalizedDocument } from '../../store/values/index.js';

/**
 * What matchers read of a document: the values of its declared text fields,
 * in declaration order — a list field contributes each item, `null` and
 * empty strings contribute nothing.
 */

/** Whether a field holds text a matcher can read: `string`, `text`, `varchar(N)` or an enum, single or a list; not a relation. */
export function isTextField(field: FieldDefinition): boolean {
  if (field.relation !== undefined) return false;
  const type = field.type;
  return type.kind === 'varchar' || type.kind === 'enum' || (type.kind === 'primitive' && (type.name === 'string' || type.name === 'text'));
}

/** The texts of `fields` in `doc`: each non-empty string value, list items one by one. */
export function documentTexts(doc: NormalizedDocument, fields: readonly string[]): string[] {
  const texts: string[] = [];
  for (const field of fields) {
    const value = doc[field];
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && item.length > 0) texts.push(item);
  }
  return texts;
}
