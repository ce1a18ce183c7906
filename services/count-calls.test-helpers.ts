/**
 * Work counted rather than timed, for tests (a clock flakes on a busy machine): a method of a shared object
 * (String.prototype.charCodeAt, RegExp.prototype.exec …) is wrapped while `fn` runs, and put back after.
 */

/**
 * Calls `onCall` with the arguments of every call of `obj[key]` made while `fn` runs; returns the number of calls.
 * @throws whatever `fn` throws, after restoring the method.
 */
export function countCalls<T extends object, K extends keyof T>(obj: T, key: K, fn: () => void, onCall: (...args: unknown[]) => void = () => {}): number {
  const original = obj[key] as unknown as (...args: unknown[]) => unknown;
  let n = 0;
  obj[key] = function (this: unknown, ...args: unknown[]) {
    n++;
    onCall(...args);
    return original.apply(this, args);
  } as T[K];
  try {
    fn();
  } finally {
    obj[key] = original as T[K];
  }
  return n;
}

/** charCodeAt calls made while `fn` runs: the characters it reads one by one. */
export const charsRead = (fn: () => void): number => countCalls(String.prototype, 'charCodeAt', fn);
