import { runCli } from './commands.js';
import { UsageError, usage } from './args.js';

// A person reads this output: one clear line, no stack trace, and a non-zero exit when nothing was done.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    if (e instanceof UsageError) console.error(e.brief ? `crosscheck: ${e.message}` : `crosscheck: ${e.message}\n\n${usage}`);
    else console.error(`crosscheck: ${e.message}`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
