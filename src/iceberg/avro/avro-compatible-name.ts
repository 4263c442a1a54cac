/**
 * Iceberg names as Avro names, the way Java's `AvroSchemaUtil.makeCompatibleName`
 * does it: a valid name stays; otherwise each offending UTF-16 code unit
 * becomes `_` + the digit (a leading digit) or `_x` + its upper-case hex
 * code. Only ASCII letters count as letters here (Java also keeps other
 * Unicode letters, which Avro's name rule `[A-Za-z_][A-Za-z0-9_]*` forbids).
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function escapeUnit(unit: string): string {
  return /[0-9]/.test(unit) ? `_${unit}` : `_x${unit.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * `name`, or a valid Avro name made from it.
 *
 * @example
 * avroCompatibleName('at_day') // 'at_day'
 * avroCompatibleName('$createdAt_day') // '_x24createdAt_day'
 * avroCompatibleName('1st') // '_1st'
 */
export function avroCompatibleName(name: string): string {
  if (NAME.test(name)) return name;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const unit = name[i]!;
    const ok = i === 0 ? /[A-Za-z_]/.test(unit) : /[A-Za-z0-9_]/.test(unit);
    out += ok ? unit : escapeUnit(unit);
  }
  return out;
}
