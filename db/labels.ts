import type { Db } from './open.js';
import type { Label } from '../common/model.js';
import { AppError } from '../common/errors.js';

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase();

export function labelsRepo(db: Db) {
  const all = db.prepare('SELECT id, name, color, key, position FROM labels ORDER BY position, id');
  const one = db.prepare('SELECT id, name, color, key, position FROM labels WHERE id = ?');
  const byKey = db.prepare('SELECT id FROM labels WHERE key = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO labels (name, color, key, position) VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM labels))',
  );
  const update = db.prepare('UPDATE labels SET name = ?, color = ?, key = ? WHERE id = ?');
  const usage = db.prepare('SELECT COUNT(*) FROM annotations WHERE label_id = ?').pluck();
  const remove = db.prepare('DELETE FROM labels WHERE id = ?');
  const usageAll = db.prepare(
    'SELECT l.name AS name, COUNT(a.id) AS n FROM labels l LEFT JOIN annotations a ON a.label_id = l.id GROUP BY l.id ORDER BY l.position',
  );

  function get(id: number): Label {
    const l = one.get(id) as Label | undefined;
    if (!l) throw new AppError('NotFound', `Label ${id} does not exist.`);
    return l;
  }

  function checkFree(name: string, key: string | null, self?: number) {
    // SQLite's NOCASE folds ASCII only; "Заявление" and "заявление" must clash too.
    const folded = fold(name);
    const same = (all.all() as Label[]).find((l) => fold(l.name) === folded);
    if (same && same.id !== self) throw new AppError('Conflict', `A label named "${name}" already exists.`);
    if (key) {
      const k = byKey.get(key) as number | undefined;
      if (k !== undefined && k !== self) {
        throw new AppError('Conflict', `Key ${key} is already the shortcut of label "${get(k).name}".`);
      }
    }
  }

  return {
    list: () => all.all() as Label[],
    /** Every label's name with how many annotations carry it (0 for an unused one), in label order. */
    usage: () => usageAll.all() as { name: string; n: number }[],
    get,
    create(name: string, color: string, key: string | null): Label {
      return db.transaction(() => {
        checkFree(name, key);
        return get(Number(insert.run(name, color, key).lastInsertRowid));
      })();
    },
    update(id: number, patch: { name?: string; color?: string; key?: string | null }): Label {
      return db.transaction(() => {
        const cur = get(id);
        const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
        checkFree(next.name, next.key, id);
        update.run(next.name, next.color, next.key, id);
        return get(id);
      })();
    },
    delete(id: number): void {
      db.transaction(() => {
        const l = get(id);
        const n = usage.get(id) as number;
        if (n > 0) {
          throw new AppError(
            'Conflict',
            `Label "${l.name}" is used by ${n} annotation${n === 1 ? '' : 's'}; relabel or delete them first.`,
          );
        }
        remove.run(id);
      })();
    },
  };
}

export type LabelsRepo = ReturnType<typeof labelsRepo>;
