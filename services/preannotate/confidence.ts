/**
 * Each rule's confidence: its precision on the dev gold set (overlap match), as an m-estimate leaning on its
 * label's precision (m = 4). Written by bench/preannotate/calibrate.ts from bench/preannotate/dev/gold.jsonl
 * (figure 566/592, claim 336/343, speaker 246/250); do not edit by hand, run it again after
 * changing rules. The held-out set is never used here.
 */
export const RULE_CONFIDENCE: Readonly<Record<string, number>> = {
  "claim/according-to-after": 0.94, // 13/14 right on dev
  "claim/according-to-before": 0.99, // 10/10 right on dev
  "claim/answer": 0.99, // 7/7 right on dev
  "claim/court-heard": 0.98, // 1/1 right on dev
  "claim/headline-dash": 0.99, // 2/2 right on dev
  "claim/quote": 1.00, // 74/74 right on dev
  "claim/quote-nearest": 0.97, // 37/38 right on dev
  "claim/reported-as": 0.98, // 1/1 right on dev
  "claim/reported-before": 1.00, // 43/43 right on dev
  "claim/reported-clause": 0.97, // 75/77 right on dev
  "claim/reported-continued": 0.91, // 7/8 right on dev
  "claim/reported-that": 0.98, // 64/65 right on dev
  "claim/what-x-called": 0.85, // 2/3 right on dev
  "figure/compound": 0.99, // 13/13 right on dev
  "figure/fraction": 0.96, // 23/24 right on dev
  "figure/glued-unit": 0.98, // 7/7 right on dev
  "figure/numbers": 0.82, // 48/59 right on dev
  "figure/numbers-vague+of": 0.99, // 10/10 right on dev
  "figure/numbers+currency": 0.97, // 67/69 right on dev
  "figure/numbers+noun": 0.97, // 254/261 right on dev
  "figure/numbers+participle": 0.98, // 5/5 right on dev
  "figure/numbers+percent": 0.99, // 75/76 right on dev
  "figure/numbers+unit": 1.00, // 35/35 right on dev
  "figure/one+noun": 0.74, // 5/8 right on dev
  "figure/range": 0.95, // 18/19 right on dev
  "figure/ratio": 0.98, // 4/4 right on dev
  "figure/unit+numbers": 0.97, // 2/2 right on dev
  "speaker/according-to": 0.95, // 18/19 right on dev
  "speaker/answer": 0.99, // 7/7 right on dev
  "speaker/antecedent": 0.99, // 4/4 right on dev
  "speaker/coordinated": 0.82, // 1/2 right on dev
  "speaker/description": 0.97, // 37/38 right on dev
  "speaker/headline-dash": 0.99, // 2/2 right on dev
  "speaker/name-colon": 0.99, // 2/2 right on dev
  "speaker/said-after-name": 0.99, // 146/147 right on dev
  "speaker/said-inversion": 1.00, // 28/28 right on dev
  "speaker/what-x-called": 0.99, // 1/1 right on dev
};
