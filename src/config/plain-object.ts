/**
 * Plain-object helpers for configuration values: recognising them, copying
 * them without sharing any object with the input, and freezing them deeply.
 */

/** An object literal or `Object.create(null)` value (not an array, class instance or `null`). */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `object[key]` when `key` is the object's own property; never reads the prototype chain. */
export function ownValue(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * A copy of `value` in which every plain object and array is new, so freezing
 * the copy cannot freeze the input. `Object.fromEntries` defines own
 * properties, so a `__proto__` key stays a key instead of setting a prototype.
 */
export function copyValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyValue);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.keys(value).map((key) => [key, copyValue(value[key])]));
}

/** Freezes `value` and every plain object and array inside it; returns `value`. */
export function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
