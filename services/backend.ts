import { EventEmitter } from 'node:events';
import { dispatch } from '../common/contract.js';
import type { EventMap, EventName } from '../common/model.js';
import { openProject } from './project.js';
import { createHandlers, type Emit } from './handlers.js';
import { createSerialQueue } from '../common/serial.js';
import { importSources, sourcesFromPaths } from './import/importer.js';

/** What a host holds: one open project behind the contract. */
export interface Backend {
  /** Validates args against the contract and runs the handler; throws errors with a name and a message. */
  call(method: string, args: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
  readonly path: string;
  close(): void;
}

export function openBackend(dbPath: string, opts: { readOnly?: boolean; mustExist?: boolean } = {}): Backend {
  const project = openProject(dbPath, opts);
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const emit: Emit = (event, payload) => events.emit(event, payload);
  const handlers = createHandlers(project, emit);
  // Every call, reads included, runs in turn: an import keeps its transaction open across event-loop turns
  // (so progress can be shown), and a read slipped into such a gap would see rows that may yet be rolled back.
  const inTurn = createSerialQueue();
  return {
    path: dbPath,
    call: (method, args) => inTurn(() => dispatch(handlers, method, args)),
    on(event, cb) {
      events.on(event, cb as (p: unknown) => void);
      return () => events.off(event, cb as (p: unknown) => void);
    },
    close: () => project.close(),
  };
}

/** Creates a new project file at dbPath holding the sample articles from corpusDir. */
export async function createSampleProject(dbPath: string, corpusDir: string): Promise<void> {
  const project = openProject(dbPath);
  try {
    const { sources, report } = sourcesFromPaths([corpusDir]);
    await importSources(project.db, project.documents, sources, report);
  } finally {
    project.close();
  }
}
