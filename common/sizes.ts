/** 1 MB, 512 KB, 900 bytes (decimal, as file managers show sizes): a size a person can read, whatever it is. */
export function formatBytes(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)} KB`;
  return `${n} bytes`;
}
