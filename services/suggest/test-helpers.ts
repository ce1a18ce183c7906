/**
 * Shared by the suggest modules' tests: work counted rather than timed, since a clock flakes on a busy machine.
 */

/** charCodeAt calls made while `fn` runs: the characters it reads one by one. */
export function charsRead(fn: () => void): number {
  const proto = String.prototype;
  const charCodeAt = proto.charCodeAt;
  let n = 0;
  proto.charCodeAt = function (this: string, i: number) {
    n++;
    return charCodeAt.call(this, i);
  };
  try {
    fn();
  } finally {
    proto.charCodeAt = charCodeAt;
  }
  return n;
}
