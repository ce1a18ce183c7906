/**
 * Calibrates the pre-annotation engine's `confidence` per rule on the DEV set (never the held-out one) and writes
 * services/preannotate/confidence.ts: `npx tsx bench/preannotate/calibrate.ts`. Run it after changing rules.
 *
 * A proposal's confidence becomes the dev precision of its rule under overlap matching (same label, overlapping,
 * one-to-one; score.ts), as an m-estimate (Cestnik 1990, "Estimating probabilities: a crucial task in machine
 * learning", ECAI): (tp + m·p) / (n + m), with p the label's precision over all its rules and m = 4, so that a rule
 * seen a handful of times leans on its label instead of claiming 0 or 1. Rules the dev set never fires keep the
 * confidence their rule gives.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGold } from './gold.js';
import { predict } from './measure.js';
import { scoreDocument } from './score.js';

const M = 4;

/** Per rule: how many proposals the dev set gave and how many matched gold by overlap. */
export function ruleCounts(devPath: string): { rules: Map<string, { label: string; tp: number; n: number }>; labels: Map<string, { tp: number; n: number }> } {
  const docs = readGold(devPath);
  const preds = predict(docs);
  const rules = new Map<string, { label: string; tp: number; n: number }>();
  const labels = new Map<string, { tp: number; n: number }>();
  docs.forEach((d, i) => {
    const wrong = new Set(scoreDocument(d.spans, preds[i]).overlap.falsePositives);
    preds[i].forEach((p, j) => {
      const rule = p.rule ?? '';
      const r = rules.get(rule) ?? { label: p.label, tp: 0, n: 0 };
      const l = labels.get(p.label) ?? { tp: 0, n: 0 };
      r.n++, l.n++;
      if (!wrong.has(j)) r.tp++, l.tp++;
      rules.set(rule, r), labels.set(p.label, l);
    });
  });
  return { rules, labels };
}

/** The dev set's gold file. */
export const DEV_GOLD = fileURLToPath(new URL('./dev/gold.jsonl', import.meta.url));

/** Each rule's calibrated confidence, to two decimals, from ruleCounts (the m-estimate above). */
export function calibrate(counts: ReturnType<typeof ruleCounts>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [rule, r] of counts.rules) {
    const l = counts.labels.get(r.label)!;
    out.set(rule, Number(((r.tp + M * (l.tp / l.n)) / (r.n + M)).toFixed(2)));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const counts = ruleCounts(DEV_GOLD);
  const { rules, labels } = counts;
  const table = calibrate(counts);
  const rows = [...rules].sort(([a], [b]) => a.localeCompare(b)).map(([rule, r]) => {
    return `  ${JSON.stringify(rule)}: ${table.get(rule)!.toFixed(2)}, // ${r.tp}/${r.n} right on dev`;
  });
  const out = fileURLToPath(new URL('../../services/preannotate/confidence.ts', import.meta.url));
  writeFileSync(out, `/**
 * Each rule's confidence: its precision on the dev gold set (overlap match), as an m-estimate leaning on its
 * label's precision (m = ${M}). Written by bench/preannotate/calibrate.ts from bench/preannotate/dev/gold.jsonl
 * (${[...labels].map(([k, v]) => `${k} ${v.tp}/${v.n}`).join(', ')}); do not edit by hand, run it again after
 * changing rules. The held-out set is never used here.
 */
export const RULE_CONFIDENCE: Readonly<Record<string, number>> = {
${rows.join('\n')}
};
`);
  console.log(`${rules.size} rules calibrated into ${out}`);
}
