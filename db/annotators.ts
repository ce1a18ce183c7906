import type { Db } from './open.js';
import { AppError } from '../common/errors.js';
import { annotatorNameProblem, canonicalLayerName, isReservedLayerName, layerNameKey, type Annotator, type CurrentAnnotator } from '../common/annotators.js';

interface Row {
  id: number;
  name: string;
  spans: number;
  links: number;
  documents: number;
}

/**
 * The project's annotators (db/migrations/0006_annotators.ts) and who is annotating now. Names are unique and found
 * by common/annotators.ts layerNameKey (any case, any width: "ｄａｎａ" is Dana); `auto`, `gold` and `all` are
 * reserved, and a reserved name is stored in its canonical lower-case form ("GOLD" is `gold`).
 */
export function annotatorsRepo(db: Db) {
  // Each layer's size as migration 0008's triggers keep it (layer_counts): no span or link is counted per request.
  const list = db.prepare(`
    SELECT a.id, a.name, COALESCE(c.spans, 0) AS spans, COALESCE(c.links, 0) AS links, COALESCE(c.documents, 0) AS documents
    FROM annotators a LEFT JOIN layer_counts c ON c.annotator_id = a.id ORDER BY a.name COLLATE NOCASE, a.id`);
  const names = db.prepare('SELECT id, name FROM annotators ORDER BY id');
  /** The annotator whose name has the same layerNameKey as `n` (the first made, should a project hold two), or undefined. */
  const idOf = (n: string): number | undefined => {
    const key = layerNameKey(n);
    return (names.all() as { id: number; name: string }[]).find((r) => layerNameKey(r.name) === key)?.id;
  };
  const nameOf = db.prepare('SELECT name FROM annotators WHERE id = ?').pluck();
  const insert = db.prepare('INSERT INTO annotators (name, created_at) VALUES (?, ?)');
  const rename = db.prepare('UPDATE annotators SET name = ? WHERE id = ?');
  const setting = db.prepare('SELECT value FROM project_settings WHERE key = ?').pluck();
  const setSetting = db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const used = db.prepare('SELECT EXISTS (SELECT 1 FROM annotations WHERE annotator_id = ?) OR EXISTS (SELECT 1 FROM links WHERE annotator_id = ?)').pluck();

  /** @throws AppError NotFound for an id that is no annotator. */
  function name(id: number): string {
    const n = nameOf.get(id) as string | undefined;
    if (n === undefined) throw new AppError('NotFound', `Annotator ${id} does not exist.`);
    return n;
  }

  function currentId(): number {
    return Number(setting.get('current_annotator') ?? 1);
  }

  /**
   * The id of the annotator called `name` (by layerNameKey), created when there is none (a reserved name as
   * canonicalLayerName gives it). `allowReserved` lets a merge or
   * the curation view reach `auto` and `gold`. @throws AppError InvalidInput for a name annotatorNameProblem refuses.
   */
  function ensure(rawName: string, allowReserved = false): number {
    const problem = annotatorNameProblem(rawName, allowReserved);
    if (problem) throw new AppError('InvalidInput', `${problem}.`);
    const n = canonicalLayerName(rawName);
    return idOf(n) ?? Number(insert.run(n, new Date().toISOString()).lastInsertRowid);
  }

  return {
    name,
    ensure,
    /** The annotator called `name` (by layerNameKey: any case, any width), or undefined. */
    idByName: idOf,
    /** Every annotator with the size of their layer, by name. */
    list: (): Annotator[] => (list.all() as Row[]).map((r) => ({ ...r, reserved: isReservedLayerName(r.name) })),
    /** Who new spans, links and cluster names belong to. */
    currentId,
    current(): CurrentAnnotator {
      const id = currentId();
      return { id, name: name(id), chosen: setting.get('annotator_chosen') === '1' };
    },

    /**
     * The analyst says who they are (first run, or switching): the annotator with that name becomes current,
     * created if needed. On first run, while the default layer (named after the OS user) is current and
     * unconfirmed, the default layer is renamed instead, so a new project does not keep an empty layer under a
     * name nobody chose. @throws AppError InvalidInput for an empty, too long or reserved name.
     */
    choose(rawName: string): CurrentAnnotator {
      return db.transaction(() => {
        const problem = annotatorNameProblem(rawName);
        if (problem) throw new AppError('InvalidInput', `${problem}.`);
        const n = rawName.trim();
        const cur = currentId();
        const existing = idOf(n);
        let id: number;
        if (existing !== undefined) id = existing;
        else if (setting.get('annotator_chosen') !== '1') {
          rename.run(n, cur);
          id = cur;
        } else id = ensure(n);
        setSetting.run('current_annotator', String(id));
        setSetting.run('annotator_chosen', '1');
        return { id, name: name(id), chosen: true };
      })();
    },

    /**
     * Renames a layer (a typo in a colleague's name, say). Reserved layers keep their names and no layer takes one.
     * @throws AppError NotFound, InvalidInput (name), Conflict (another annotator has the name).
     */
    rename(id: number, rawName: string): Annotator {
      return db.transaction(() => {
        const old = name(id);
        if (isReservedLayerName(old)) throw new AppError('InvalidInput', `The "${old}" layer is reserved and keeps its name.`);
        const problem = annotatorNameProblem(rawName);
        if (problem) throw new AppError('InvalidInput', `${problem}.`);
        const other = idOf(rawName);
        if (other !== undefined && other !== id) throw new AppError('Conflict', `An annotator named "${rawName.trim()}" already exists.`);
        rename.run(rawName.trim(), id);
        return (list.all() as Row[]).map((r) => ({ ...r, reserved: false })).find((r) => r.id === id)!;
      })();
    },

    /** Whether the annotator has any spans or links. */
    hasWork: (id: number) => !!used.get(id, id),
  };
}

export type AnnotatorsRepo = ReturnType<typeof annotatorsRepo>;
