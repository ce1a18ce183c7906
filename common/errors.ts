/**
 * Errors cross every boundary as `{name, message}`; the message is for a person and says what to do.
 * `name` lets callers branch without parsing messages.
 */
export type ErrorName = 'InvalidInput' | 'NotFound' | 'Conflict' | 'ReadOnly' | 'Unsupported' | 'Cancelled' | 'Internal';

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

const known: readonly string[] = ['InvalidInput', 'NotFound', 'Conflict', 'ReadOnly', 'Unsupported', 'Cancelled', 'Internal'];

/** Name and message only: stacks never cross a boundary. Errors of ours keep their name, whatever threw them. */
export function toWireError(err: unknown): WireError {
  if (err && typeof err === 'object' && 'name' in err && 'message' in err) {
    const e = err as { name: unknown; message: unknown };
    const name = String(e.name);
    const mapped = known.includes(name) ? name : name === 'ZodError' ? 'InvalidInput' : 'Internal';
    return { name: mapped, message: String(e.message) };
  }
  return { name: 'Internal', message: String(err) };
}

/** Rebuilds a thrown error on the calling side of a boundary. */
export function fromWireError(w: WireError): AppError {
  return new AppError(known.includes(w.name) ? (w.name as ErrorName) : 'Internal', w.message);
}
