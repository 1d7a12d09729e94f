import { messageOf } from '../../api/client.js';

/** A record a bulk action could not change, with the server's reason. */
export interface BulkFailure {
  id: string;
  message: string;
}

/** How many requests of a bulk action run at once: quick, without flooding the server. */
const PARALLEL = 4;

/**
 * Runs `action` for every id, a few at a time, and returns the ones that failed with their
 * messages (a forbidden record, a validation error); one failure does not stop the others.
 * `progress` is told how many are done.
 */
export async function runEach(
  ids: readonly string[],
  action: (id: string) => Promise<unknown>,
  progress?: (done: number) => void,
): Promise<BulkFailure[]> {
  const failures: BulkFailure[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await action(id);
      } catch (error) {
        failures.push({ id, message: messageOf(error) });
      }
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return failures;
}
