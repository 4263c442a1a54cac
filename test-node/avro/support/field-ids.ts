/**
 * The Iceberg ids a schema carries (`field-id`, `element-id`, `key-id`,
 * `value-id`), one line each, in a walk that `read_avro.py` repeats on the
 * schema as Python parsed it, so both lists must be equal.
 */
type Json = { readonly [key: string]: unknown };

export function fieldIds(schema: unknown, path = ''): string[] {
  if (Array.isArray(schema)) return schema.flatMap((branch: unknown, i) => fieldIds(branch, `${path}/${i}`));
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Json;
  switch (s['type']) {
    case 'record':
      return (s['fields'] as readonly Json[]).flatMap((f) => {
        const p = `${path}/${String(f['name'])}`;
        return [...(f['field-id'] === undefined ? [] : [`${p} field-id=${String(f['field-id'])}`]), ...fieldIds(f['type'], p)];
      });
    case 'array':
      return [...(s['element-id'] === undefined ? [] : [`${path} element-id=${String(s['element-id'])}`]), ...fieldIds(s['items'], `${path}/items`)];
    case 'map':
      return [
        ...(s['key-id'] === undefined ? [] : [`${path} key-id=${String(s['key-id'])}`]),
        ...(s['value-id'] === undefined ? [] : [`${path} value-id=${String(s['value-id'])}`]),
        ...fieldIds(s['values'], `${path}/values`),
      ];
    default:
      return [];
  }
}
