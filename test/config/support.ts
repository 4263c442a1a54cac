/** Helpers for the configuration tests: editable copies and walking nested objects. */
import type { IceTypeConfig } from '../../src/config/index.js';

type Editable = Record<string, unknown>;

/** A mutable deep copy of `config` (presets are frozen). */
export function editable(config: IceTypeConfig): Editable {
  return structuredClone(config) as unknown as Editable;
}

function parentOf(root: Editable, path: string): [Editable, string] {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) throw new Error('empty path');
  let node = root;
  for (const key of keys) node = node[key] as Editable;
  return [node, last];
}

/** A copy of `config` with the option at dotted `path` set to `value` (which may be invalid). */
export function withValue(config: IceTypeConfig, path: string, value: unknown): Editable {
  const copy = editable(config);
  const [parent, key] = parentOf(copy, path);
  parent[key] = value;
  return copy;
}

/** A copy of `config` without the key at dotted `path`. */
export function without(config: IceTypeConfig, path: string): Editable {
  const copy = editable(config);
  const [parent, key] = parentOf(copy, path);
  delete parent[key];
  return copy;
}

/** `value` and every object nested inside it. */
export function nestedObjects(value: unknown): object[] {
  if (typeof value !== 'object' || value === null) return [];
  return [value, ...Object.values(value).flatMap(nestedObjects)];
}
