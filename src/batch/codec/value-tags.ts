/** The tag byte that starts each encoded value (see `value-codec.ts` for the payloads). */
export const NULL = 0;
export const FALSE = 1;
export const TRUE = 2;
export const FLOAT64 = 3;
export const UINT = 4;
export const NEGINT = 5;
export const STRING = 6;
export const DATE = 7;
export const BYTES = 8;
export const ARRAY = 9;
export const OBJECT = 10;
