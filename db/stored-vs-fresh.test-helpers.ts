import type { Db } from './open.js';

/**
 * What trigger-kept rows (migrations 0008, 0009) must equal: per name, a query of the stored rows and one that
 * computes them afresh from the rows they summarise, with the same columns. Returns, per pair that differs, the
 * name and up to three rows found only on each side (stored EXCEPT fresh, fresh EXCEPT stored); empty when all agree.
 */
export function storedVsFresh(db: Db, checks: Record<string, [stored: string, fresh: string]>): string[] {
  const out: string[] = [];
  for (const [name, [stored, fresh]] of Object.entries(checks)) {
    const extra = db.prepare(`${stored} EXCEPT ${fresh}`).raw().all();
    const missing = db.prepare(`${fresh} EXCEPT ${stored}`).raw().all();
    if (extra.length || missing.length) out.push(`${name}: stored only ${JSON.stringify(extra.slice(0, 3))}, fresh only ${JSON.stringify(missing.slice(0, 3))}`);
  }
  return out;
}
