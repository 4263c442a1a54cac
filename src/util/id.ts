import { v7 as uuidv7 } from 'uuid';

/**
 * A new document id: a time-ordered UUIDv7 (RFC 9562), so ids created close
 * together sort close together — which keeps batches' id ranges tight.
 */
export function newDocumentId(): string {
  return uuidv7();
}
