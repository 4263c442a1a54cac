/**
 * The one description of `IceTypeConfig`'s keys and allowed values, from
 * which `validateConfig` checks and words its problems. Its type is derived
 * from `IceTypeConfig`, so a key added to or removed from the type without
 * a rule here fails to compile.
 */
import { BATCH_SIZES, MAX_BATCH_BYTES, type IceTypeConfig } from './icetype-config.js';

/** What one option accepts: a phrase for messages ("expected …") and the test. */
export class Rule {
  constructor(
    readonly expected: string,
    readonly accepts: (value: unknown) => boolean,
  ) {}
}

/** Nested options: each key is a rule or a further shape. */
export interface Shape {
  readonly [key: string]: Rule | Shape;
}

type ShapeOf<T> = { readonly [K in keyof T]-?: T[K] extends object ? ShapeOf<T[K]> : Rule };

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const boolean = new Rule('a boolean', (v) => typeof v === 'boolean');

const oneOf = (values: readonly (string | number)[]): Rule => {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  return new Rule(`${shown.slice(0, -1).join(', ')} or ${shown.at(-1) ?? ''}`, (v) =>
    values.some((allowed) => allowed === v),
  );
};

const integer = (min: number, max?: number): Rule =>
  new Rule(max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`, (v) =>
    isNumber(v) && Number.isInteger(v) && v >= min && (max === undefined || v <= max),
  );

/** Every option of `IceTypeConfig` with its rule. */
export const CONFIG_SHAPE: ShapeOf<IceTypeConfig> = {
  shardId: new Rule('a non-empty string', (v) => typeof v === 'string' && v.length > 0),
  storage: {
    defaultLayout: oneOf(['rows', 'batched']),
    batchSize: oneOf(BATCH_SIZES),
    maxBatchBytes: integer(1, MAX_BATCH_BYTES),
    compactionThreshold: new Rule('a number from 0 to 1', (v) => isNumber(v) && v >= 0 && v <= 1),
  },
  cdc: {
    enabled: boolean,
    captureBefore: boolean,
    export: {
      maxBacklogEntries: integer(1),
      maxBacklogAgeMs: integer(0),
    },
  },
  indexes: {
    bloomFalsePositiveRate: new Rule('a number greater than 0 and less than 1', (v) => isNumber(v) && v > 0 && v < 1),
    zoneMaps: boolean,
  },
  validation: {
    strictByDefault: boolean,
  },
};
