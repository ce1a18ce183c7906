import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { annotatorNameProblem } from '../common/annotators.js';

/**
 * The name an analyst is known by until they choose one: the OS user name (trimmed), or "analyst" where the
 * system has none or it could not be an annotator name (a reserved one, say).
 */
export function defaultAnnotatorName(): string {
  let name = '';
  try {
    name = userInfo().username.trim();
  } catch {
    /* no user entry (a container's uid): the fallback below */
  }
  return name && !annotatorNameProblem(name) ? name : 'analyst';
}

/**
 * Migration 0006's seed: names annotator 1 (who every existing annotation, link and cluster now belongs to)
 * after the person running the upgrade, so an existing project becomes one layer named after its analyst.
 */
export function nameFirstAnnotator(db: Database.Database): void {
  db.prepare('UPDATE annotators SET name = ? WHERE id = 1').run(defaultAnnotatorName());
}
