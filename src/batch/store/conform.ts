import { SYSTEM_FIELD_NAMES } from '../../compile/system-columns.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import { setOwn } from '../../store/values/normalized-document.js';

/**
 * Stored documents of the batched layout, brought to the schema in force
 * when they are read. A rows-layout migration changes every row at once (a
 * new column reads as null, a dropped column is gone); batches are not
 * rewritten by migrations, so the same happens on read: a declared field a
 * document lacks (added since it was written) is null, and — in a `$strict`
 * schema — a field the schema no longer declares is dropped. Documents
 * written back (updates, compaction) keep the conformed shape.
 *
 * A document that already conforms is returned as is; one that does not is
 * copied first, so `conform(doc) === doc` tells a caller holding the
 * document's encoded bytes that they still encode it.
 */
export type Conform = (doc: NormalizedDocument) => NormalizedDocument;


/** The conforming function of a schema (identity for schemaless collections). */
export function conformer(schema: IceTypeSchema | undefined, strict: boolean): Conform {
  if (schema === undefined) return (doc) => doc;
  const stored = [...schema.fields.values()].filter(isStoredField).map((f) => f.name);
  const declared = new Set<string>([...SYSTEM_FIELD_NAMES, ...stored]);
  return (doc) => {
    let out = doc;
    for (const field of stored) {
      if (Object.hasOwn(out, field)) continue;
      if (out === doc) out = { ...doc };
      setOwn(out, field, null);
    }
    if (strict) {
      for (const key of Object.keys(doc)) {
        if (declared.has(key)) continue;
        if (out === doc) out = { ...doc };
        delete out[key];
      }
    }
    return out;
  };
}

/**
 * `conformer`'s rules for the named fields only, on a document holding just
 * those (`readFields`): a declared field it lacks is null, and — `$strict` —
 * an undeclared one is dropped. A filter over these fields then sees what it
 * would see on the whole conformed document.
 */
export function projectionConformer(schema: IceTypeSchema | undefined, strict: boolean, names: ReadonlySet<string>): Conform {
  if (schema === undefined) return (doc) => doc;
  const stored = new Set([...schema.fields.values()].filter(isStoredField).map((f) => f.name));
  const nulls = [...names].filter((name) => stored.has(name));
  const dropped = strict ? [...names].filter((name) => !stored.has(name) && !(SYSTEM_FIELD_NAMES as readonly string[]).includes(name)) : [];
  return (doc) => {
    for (const name of nulls) if (!Object.hasOwn(doc, name)) setOwn(doc, name, null);
    for (const name of dropped) delete doc[name];
    return doc;
  };
}
