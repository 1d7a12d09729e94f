import { describe, expect, it } from 'vitest';
import { newRecordId } from '../src/records/record-ids.js';

describe('record ids', () => {
  it('are UUIDv7, unique and strictly increasing even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newRecordId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('start with the current time', () => {
    const before = Date.now();
    const id = newRecordId();
    const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now() + 1);
  });
});
