/**
 * The "found …" half of a document issue message: the kind of a value, never
 * the value itself (documents may hold personal data; STYLE.md habit 4).
 */

/**
 * What kind of value this is, for messages: `a string`, `NaN`, `an array`,
 * `a Date`, `an instance of Map`.
 *
 * @example
 * describeFound('alice@example.com') // 'a string'
 * describeFound([1, 2]) // 'an array'
 */
export function describeFound(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length === 0 ? 'an empty string' : 'a string';
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
      return Number.isInteger(value) ? 'a whole number' : 'a fractional number';
    case 'bigint':
      return 'a bigint';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'an array';
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return 'an object';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name.length > 0 ? `an instance of ${name}` : 'an object with a prototype';
    }
  }
}
