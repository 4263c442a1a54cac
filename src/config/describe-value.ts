/** How a found value is named in configuration problems ("expected X, found Y"). */

const MAX_STRING = 40;

/**
 * A short description of `value`: primitives as written in code (strings
 * quoted and cut at 40 characters), everything else by kind.
 *
 * @example
 * describeValue(100);      // '100'
 * describeValue('256');    // '"256"'
 * describeValue([1]);      // 'an array'
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return 'an object';
  return `an instance of ${Object.prototype.toString.call(value).slice(8, -1)}`;
}
