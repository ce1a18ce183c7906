/**
 * Errors cross every boundary as `{name, message}`; the message is for a person and says what to do.
 * `name` lets callers branch without parsing messages.
 */
export type ErrorName = 'InvalidInput' | 'NotFound' | 'Conflict' | 'ReadOnly' | 'Unsupported' | 'Internal';

export class AppError extends Error {
  constructor(
    public override readonly name: ErrorName,
    message: string,
  ) {
    super(message);
  }
}

export interface WireError {
  name: string;
  message: string;
}

export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) return { name: err.name, message: err.message };
  if (err && typeof err === 'object' && 'name' in err && 'message' in err) {
    const e = err as { name: unknown; message: unknown };
    // zod and SQLite errors are useful to a person as they are; stacks never cross.
    return { name: String(e.name) === 'ZodError' ? 'InvalidInput' : 'Internal', message: String(e.message) };
  }
  return { name: 'Internal', message: String(err) };
}

/** Rebuilds a thrown error on the calling side of a boundary. */
export function fromWireError(w: WireError): AppError {
  const known: ErrorName[] = ['InvalidInput', 'NotFound', 'Conflict', 'ReadOnly', 'Unsupported', 'Internal'];
  return new AppError(known.includes(w.name as ErrorName) ? (w.name as ErrorName) : 'Internal', w.message);
}
