import { EventEmitter } from 'node:events';
import { dispatch, isMethod } from '../common/contract.js';
import type { EventMap, EventName } from '../common/model.js';
import { openProject } from './project.js';
import { createHandlers, readMethods, type Emit } from './handlers.js';
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
  const writes = createSerialQueue();
  return {
    path: dbPath,
    call(method, args) {
      const run = () => dispatch(handlers, method, args);
      return isMethod(method) && readMethods.has(method) ? run() : writes(run);
    },
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
