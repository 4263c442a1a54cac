/**
 * Property access for untyped callers of `db.rel`: a name the types would
 * reject is a `RelationError` at runtime too, rather than `undefined` and a
 * confusing "is not a function" one call later.
 */

/** Names that runtimes and tools probe objects for (`await`, `JSON.stringify`, test matchers, inspectors): absent, never an error. */
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'inspect', 'constructor']);

/** Names that could be a field or collection name; anything else (`$$typeof`, `@@iterator`…) is simply absent. */
const NAME_SHAPED = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `target` (frozen) behind a proxy whose name-shaped properties beyond
 * its own are `lookup(name)` when that is defined, and otherwise
 * `unknown(name)`, which throws. Symbols, `Object.prototype` members and
 * `PROBES` read as usual.
 */
export function strictProperties<T extends object>(target: T, lookup: (name: string) => unknown, unknown: (name: string) => never): T {
  return new Proxy(Object.freeze(target), {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || Object.hasOwn(object, property)) return Reflect.get(object, property, receiver);
      const found = lookup(property);
      if (found !== undefined) return found;
      if (property in object || PROBES.has(property) || !NAME_SHAPED.test(property)) return Reflect.get(object, property, receiver);
      return unknown(property);
    },
  });
}
