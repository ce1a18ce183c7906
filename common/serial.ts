/**
 * Runs tasks one at a time, in the order they were queued, whether or not earlier ones failed.
 *
 * The backend queues writes because an import yields to the event loop between chunks while its transaction is
 * open, and a write run in such a gap would silently join it. The renderer queues its edits because two quick
 * edits sent as concurrent requests could otherwise reach the backend in the wrong order.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}
export type SerialQueue = ReturnType<typeof createSerialQueue>;
