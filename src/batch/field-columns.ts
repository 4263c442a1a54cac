/**
 * The values of a few named fields across a batch's documents, one array per
 * field: what zone maps and bloom filters read.
 *
 * Reading `doc[name]` with a `name` that changes from field to field is a
 * megamorphic keyed load in V8, several times slower than walking a
 * document's own keys. Documents the store writes share one key order, so
 * each document is walked once with `for…in` and its values are matched to
 * the first document's keys by position; a document whose keys differ (or
 * that inherits enumerable keys) is read by name instead. Both ways give the
 * same values: a field's own value, or undefined when it has none.
 */

type Doc = Readonly<Record<string, unknown>>;

/**
 * `columns[i][d]` is document `d`'s own value of `names[i]` (undefined when
 * absent, including for keys such as `__proto__` it only inherits).
 *
 * @example
 * fieldColumns([{ $id: 'a', n: 1 }, { $id: 'b' }], ['n', '$id']) // [[1, undefined], ['a', 'b']]
 */
export function fieldColumns(docs: readonly Doc[], names: readonly string[]): unknown[][] {
  const columns = names.map(() => new Array<unknown>(docs.length).fill(undefined));
  if (docs.length === 0 || names.length === 0) return columns;
  const keys = Object.keys(docs[0]!);
  // For each position in the shared key order, the column it feeds (-1: none).
  const columnAt = keys.map((key) => names.indexOf(key));
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d]!;
    if (!readByPosition(doc, keys, columnAt, columns, d)) readByName(doc, names, columns, d);
  }
  return columns;
}

/** Fills document `d`'s cells when its keys are exactly `keys`, in order; false (cells maybe partly written) otherwise. */
function readByPosition(doc: Doc, keys: readonly string[], columnAt: readonly number[], columns: unknown[][], d: number): boolean {
  let i = 0;
  // `for…in` with `doc[key]` is V8's fast path (the enum cache); inherited enumerable keys show up as extra keys.
  for (const key in doc) {
    if (i >= keys.length || key !== keys[i]) return false;
    const column = columnAt[i++]!;
    if (column >= 0) columns[column]![d] = doc[key];
  }
  return i === keys.length;
}

function readByName(doc: Doc, names: readonly string[], columns: unknown[][], d: number): void {
  for (let i = 0; i < names.length; i++) columns[i]![d] = Object.hasOwn(doc, names[i]!) ? doc[names[i]!] : undefined;
}
