/**
 * What an exporter remembers during one export. Exporters are shared objects and one export may write to several
 * sinks (one per split), so state lives in a WeakMap keyed by the run's ExportContext or by the Sink, made on first
 * use: it goes when the export does.
 */

/**
 * A get-or-make accessor over a WeakMap: `of(key)` returns the key's state, made by `make(key)` the first time (which
 * may also write a file's opening); `of.forget(key)` drops it early (an exporter's end()).
 * @example const countsOf = keyedState((sink: Sink) => ({ rows: 0 })); countsOf(sink).rows++;
 */
export function keyedState<K extends object, S>(make: (key: K) => S): ((key: K) => S) & { forget(key: K): void } {
  const states = new WeakMap<K, S>();
  const of = (key: K): S => {
    let s = states.get(key);
    if (s === undefined) {
      s = make(key);
      states.set(key, s);
    }
    return s;
  };
  return Object.assign(of, { forget: (key: K) => void states.delete(key) });
}
