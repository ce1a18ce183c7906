// The contention of `npm run bench -- scale` (issue 15): a second Node process that keeps one core busy while the UI
// measures run again, as another program on an analyst's laptop would. It is bounded so that a crashed or killed
// bench never leaves it spinning: it exits at a hard deadline, and as soon as its parent is gone (its IPC channel
// closes, or /proc says it was re-parented).
import { spawn } from 'node:child_process';

/** The longest a busy loop may run whatever happens to the bench (ms). */
export const BUSY_DEADLINE_MS = 20 * 60_000;

// Runs in the child (`node -e`): spins in slices of 50 ms, looking between slices at the deadline and the parent.
// The slices end in setImmediate so that the IPC channel's "disconnect" and signals are handled too.
const childCode = `
const deadline = Number(process.argv[1]);
const parent = Number(process.argv[2]);
const fs = require('node:fs');
const parentNow = () => {
  try {
    const s = fs.readFileSync('/proc/self/stat', 'utf8');
    return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return parent;
  }
};
process.on('disconnect', () => process.exit(0));
let x = 0;
(function spin() {
  const end = Date.now() + 50;
  while (Date.now() < end) x = (x * 31 + 7) % 1000003;
  if (Date.now() >= deadline || parentNow() !== parent) process.exit(0);
  setImmediate(spin);
})();
`;

/** A running busy loop. */
export interface BusyLoop {
  /** The loop's process id. */
  pid: number;
  /** Ends the loop and waits for its process to exit (SIGKILL if SIGTERM has not ended it within 5 s). */
  stop(): Promise<void>;
}

/**
 * Starts a separate Node process spinning one core. It exits by itself after `deadlineMs` (default 20 minutes) and
 * when this process dies; call `stop()` to end it sooner. It does not keep this process's event loop alive.
 */
export function startBusyLoop(opts: { deadlineMs?: number } = {}): BusyLoop {
  const deadline = Date.now() + (opts.deadlineMs ?? BUSY_DEADLINE_MS);
  const child = spawn(process.execPath, ['-e', childCode, String(deadline), String(process.pid)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child.unref();
  child.channel?.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(late);
    },
  };
}
