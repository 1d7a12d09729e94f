import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const POOL_IDS = 1024;
const pool = new Uint8Array(16 * POOL_IDS);
let next = POOL_IDS;
const clock = { msecs: -Infinity, seq: 0 };

/**
 * A new record id: UUIDv7, time-ordered, so ids sort by creation and append to indexes.
 * Random bytes come from a pool filled 1,024 ids at a time (one system call per id made bulk
 * imports measurably slower). Passing our own bytes turns off the library's clock, so the
 * monotonic sequence within a millisecond (RFC 9562 §6.2, method 1) is kept here.
 */
export function newRecordId(): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next * 16, next * 16 + 16);
  next += 1;
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq =
      (((random[6] as number) & 0x7f) << 24) | ((random[7] as number) << 16) | ((random[8] as number) << 8) | (random[9] as number);
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  return uuidv7({ random, msecs: clock.msecs, seq: clock.seq });
}
