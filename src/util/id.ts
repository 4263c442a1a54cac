import { v7 as uuidv7 } from 'uuid';

/** Random bytes fetched per `crypto.getRandomValues` call: 256 ids' worth (one call per id cost more than the rest of an insert). */
const POOL_BYTES = 16 * 256;
let pool = new Uint8Array(0);
let offset = 0;

/** 16 fresh random bytes from a pool refilled by the platform's CSPRNG. */
function randomBytes(): Uint8Array {
  if (offset + 16 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/**
 * The clock and counter of RFC 9562 §6.2 method 1, as the uuid library
 * keeps them when it draws its own random bytes (given bytes, it keeps
 * none): a new millisecond starts the 31-bit counter at a random value,
 * ids within one millisecond — every id of a `createMany` in workerd, whose
 * clock stands still during synchronous code — count up from it.
 */
const state = { msecs: -Infinity, seq: 0 };

/**
 * A new document id: a time-ordered UUIDv7 (RFC 9562), monotonic within
 * this isolate, so ids created close together sort close together — which
 * keeps batches' id ranges tight.
 */
export function newDocumentId(): string {
  const random = randomBytes();
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}
