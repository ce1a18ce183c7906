import type { Db } from './open.js';
import { AppError } from '../common/errors.js';

/** The AUTOINCREMENT tables whose rows undo and redo put back under their old ids. */
export type IssuedTable = 'documents' | 'annotations' | 'links' | 'clusters';

/**
 * A check that an id handed back for a restore (undo, redo) is one the project issued: no greater than the
 * table's sqlite_sequence counter, the largest id AUTOINCREMENT ever gave. A forged id past it (9007199254740991,
 * say) would move the counter there, and every later insert would get an id JavaScript numbers cannot hold
 * exactly (above 2^53). @throws AppError InvalidInput naming the id and the table's last issued id.
 */
export function issuedIdCheck(db: Db) {
  const seq = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck();
  return (table: IssuedTable, id: number, what: string): void => {
    const last = Number(seq.get(table) ?? 0);
    if (id > last) {
      throw new AppError('InvalidInput', `${what} ${id} was never issued in this project (the last ${table} id given out is ${last}): only ids the project gave can be put back.`);
    }
  };
}
