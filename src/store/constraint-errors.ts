import { StoreError } from './store-error.js';

/**
 * Turns SQLite constraint failures of a collection table into `StoreError`s.
 * SQLite names the columns ("UNIQUE constraint failed: User.tenantId,
 * User.email"), never the values, so the details stay free of document
 * contents.
 */
const UNIQUE = /UNIQUE constraint failed: ((?:[\w$]+\.[\w$]+)(?:, [\w$]+\.[\w$]+)*)/;

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}`;
  return String(error);
}

/** The `StoreError` a constraint failure means, or `undefined` when it is something else. */
export function constraintError(error: unknown, collection: string, id?: string): StoreError | undefined {
  const match = UNIQUE.exec(messageOf(error));
  if (match === null) return undefined;
  const fields = match[1]!.split(', ').map((qualified) => qualified.slice(qualified.indexOf('.') + 1));
  if (fields.length === 1 && fields[0] === '$id') {
    return new StoreError('ALREADY_EXISTS', `expected a new $id, found one that is taken`, { collection, ...(id === undefined ? {} : { id }), cause: error });
  }
  return new StoreError('UNIQUE_VIOLATION', `expected unique (${fields.join(', ')}), found another document with the same value${fields.length > 1 ? 's' : ''}`, {
    collection,
    ...(id === undefined ? {} : { id }),
    fields,
    cause: error,
  });
}
