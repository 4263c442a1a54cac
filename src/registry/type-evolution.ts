/**
 * Which element-type changes keep stored values readable (issue 3 §4; the
 * promotions of the Iceberg spec, "Schema Evolution"): int → long,
 * float → double, decimal(P,S) → decimal(P',S) with P' ≥ P, and within the
 * string family (string, text, varchar, uuid, enum all map to Iceberg
 * `string`) any change that accepts every old value.
 */
import type { ScalarType } from '../icetype/ast.js';
import { printScalarType } from '../icetype/type-names.js';
import type { SchemaProblemCode } from './schema-change.js';

/** Why a type change is refused, before the field path is known. */
export interface TypeProblem {
  readonly code: SchemaProblemCode;
  readonly expected: string;
  readonly found: string;
}

const WIDENINGS: Readonly<Record<string, string>> = { int: 'long', float: 'double' };

function isStringFamily(t: ScalarType): boolean {
  if (t.kind === 'varchar' || t.kind === 'enum') return true;
  return t.kind === 'primitive' && (t.name === 'string' || t.name === 'text' || t.name === 'uuid');
}

const isOpenString = (t: ScalarType): boolean => t.kind === 'primitive' && (t.name === 'string' || t.name === 'text');

/** Widenings of `from`, for messages: `int or a widening of it (long)`. */
function allowed(from: ScalarType): string {
  const printed = printScalarType(from);
  if (from.kind === 'primitive' && WIDENINGS[from.name] !== undefined) return `${printed} or a widening of it (${WIDENINGS[from.name]})`;
  if (isStringFamily(from)) return `${printed} or a type holding all its values (string, text)`;
  return printed;
}

/**
 * Undefined when `to` holds every value `from` holds (or they are equal);
 * otherwise the problem.
 *
 * @example
 * typeEvolutionProblem({ kind: 'primitive', name: 'int' }, { kind: 'primitive', name: 'long' }) // undefined
 * typeEvolutionProblem({ kind: 'primitive', name: 'int' }, { kind: 'primitive', name: 'string' })
 * // { code: 'TYPE_CHANGED', expected: 'int or a widening of it (long)', found: 'string' }
 */
export function typeEvolutionProblem(from: ScalarType, to: ScalarType): TypeProblem | undefined {
  const found = printScalarType(to);
  if (found === printScalarType(from)) return undefined;

  if (from.kind === 'decimal' && to.kind === 'decimal') {
    if (to.precision < from.precision || to.scale < from.scale) {
      return { code: 'DECIMAL_NARROWED', expected: `decimal(P,${from.scale}) with P ≥ ${from.precision}`, found };
    }
    if (to.scale !== from.scale) {
      return { code: 'DECIMAL_SCALE_CHANGED', expected: `decimal(P,${from.scale}) with P ≥ ${from.precision} (the same scale)`, found };
    }
    return undefined;
  }
  if (from.kind === 'vector' && to.kind === 'vector') {
    return { code: 'VECTOR_DIMENSIONS_CHANGED', expected: printScalarType(from), found };
  }
  if (from.kind === 'enum' && to.kind === 'enum') {
    const missing = from.values.filter((v) => !to.values.includes(v));
    if (missing.length === 0) return undefined;
    return {
      code: 'ENUM_VALUE_REMOVED',
      expected: `every value of ${printScalarType(from)}`,
      found: `${found} (without ${missing.map((v) => JSON.stringify(v)).join(', ')})`,
    };
  }
  if (from.kind === 'varchar' && to.kind === 'varchar') {
    if (to.length >= from.length) return undefined;
    return { code: 'VARCHAR_NARROWED', expected: `varchar(N) with N ≥ ${from.length}, or string`, found };
  }
  if (isStringFamily(from) && isOpenString(to)) return undefined;
  if (from.kind === 'primitive' && to.kind === 'primitive' && WIDENINGS[from.name] === to.name) return undefined;
  return { code: 'TYPE_CHANGED', expected: allowed(from), found };
}
