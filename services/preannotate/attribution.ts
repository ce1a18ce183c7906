/**
 * Speakers and claims for pre-annotation, with their links (bench/preannotate/GUIDELINES.md says what they are).
 *
 * Rule-based on our own tokens (speakers.ts), sentences (services/suggest/sentences.ts) and quotation pairing
 * (quotes.ts): reporting.ts finds the structures ("X said that Y", "Y, X said.", "“Y,” said X", "according to X,
 * Y", "X: “Y”", "Y – X" headlines, "X … and said Y"), speakers.ts cuts the speaker phrase, claims.ts the claim.
 * NLP libraries were measured and not used: per 3 KB document compromise 14 takes ~28 ms and wink-nlp ~1.2 ms
 * for tokens alone, against ~1.2 ms for all of this (these rules: ~0.8 ms); and neither finds speakers better
 * than the reporting structures (compromise's people() gives "Staff Sergey Rudskoy", "Ministry Igor Konashenkov";
 * wink's lite model has no person entities).
 *
 * Pronouns ("he added that …") get no span: their claims are linked `said-by` to the nearest speaker before
 * them (a person for "he"/"she" when there is one). A description without a name ("the General said", "his
 * lawyer said", "the survey said") is a speaker span of its own, rule `speaker/description`, as the dev gold set
 * annotates it.
 */
import { buildOffsetIndex, utf16ToCp } from '../../common/offsets.js';
import { firstNotBefore } from './claims.js';
import { findAttributions } from './reporting.js';
import type { ProposedLink, ProposedSpan } from './types.js';

/**
 * Speaker and claim spans of `text` (code points), with `said-by` (claim → speaker) and `cites` (claim → figure
 * inside it) links. Link indexes count `figures` first (0..figures.length-1), then the spans returned, in the
 * order returned. Same span twice is returned once (a claim then links to it). Never throws on a string.
 */
export function proposeAttributions(text: string, figures: ProposedSpan[]): { spans: ProposedSpan[]; links: ProposedLink[] } {
  const ix = buildOffsetIndex(text);
  const cp = ix.astral.length ? (u: number) => utf16ToCp(ix, u) : (u: number) => u;
  const { attributions } = findAttributions(text);
  const spans: ProposedSpan[] = [];
  const links: ProposedLink[] = [];
  const base = figures.length;
  const byRange = new Map<string, number>();
  const add = (s: ProposedSpan): number => {
    const key = `${s.label}:${s.start}:${s.end}`;
    const known = byRange.get(key);
    if (known !== undefined) return known;
    spans.push(s);
    byRange.set(key, base + spans.length - 1);
    return base + spans.length - 1;
  };
  // Named speakers so far, for resolving pronouns: their span index (made on first use for a subject that only
  // "said on …") and whether it is a person.
  const named: { index: () => number; person: boolean }[] = [];
  let lastPerson: (typeof named)[number] | undefined;
  const addNamed = (n: (typeof named)[number]) => {
    named.push(n);
    if (n.person) lastPerson = n;
  };
  // Speaker spans by the last word of the name ("konashenkov"), for a subject-only speaker named earlier.
  const byName = new Map<string, number>();
  const lastWord = (u0: number, u1: number) => text.slice(u0, u1).toLowerCase().split(/[\s.]+/).filter(Boolean).at(-1) ?? '';
  const linked = new Set<number>();
  for (const a of attributions) {
    const sp = a.speaker;
    let speakerIndex = -1;
    if (sp && a.subjectOnly) {
      // "Konashenkov said on …": no span of its own unless a later "he said" needs one and none names him.
      const start = cp(a.start);
      const end = cp(a.end);
      const name = lastWord(a.start, a.end);
      let made = -1;
      const rule = a.speakerRule;
      addNamed({ person: true, index: () => (made >= 0 ? made : (made = byName.get(name) ?? add({ label: 'speaker', start, end, attributes: {}, rule, confidence: a.speakerConfidence }))) });
      continue;
    }
    if (sp && sp.kind !== 'pronoun') {
      // A description ("the general", "his lawyer") is a speaker span too, as the gold set annotates it.
      const title = sp.kind === 'title';
      const start = cp(a.start);
      const end = cp(a.end - (sp.possessive ? 2 : 0));
      speakerIndex = add({ label: 'speaker', start, end, attributes: {}, rule: title ? 'speaker/description' : a.speakerRule, confidence: title ? 0.6 : a.speakerConfidence });
      addNamed({ index: () => speakerIndex, person: sp.kind === 'person' || (title && sp.person) });
      if (sp.kind === 'person') byName.set(lastWord(a.start, a.end - (sp.possessive ? 2 : 0)), speakerIndex);
    } else if (!a.unattributed) {
      // A pronoun, a bare title, or a quotation with no attribution: the nearest named speaker before.
      const wantPerson = !!sp && sp.person;
      const found = (wantPerson ? lastPerson : undefined) ?? named.at(-1);
      speakerIndex = found ? found.index() : -1;
    }
    for (const c of a.claims) {
      const start = cp(c.start);
      const end = cp(c.end);
      const claimIndex = add({ label: 'claim', start, end, attributes: {}, rule: c.rule, confidence: c.confidence });
      if (linked.has(claimIndex)) continue; // the same claim from a second structure keeps its first links
      linked.add(claimIndex);
      if (speakerIndex >= 0) links.push({ type: 'said-by', from: claimIndex, to: speakerIndex });
      // Figures are sorted by start and never overlap: bisect to the first starting inside the claim.
      for (let i = firstFigureFrom(figures, start); i < figures.length && figures[i].start < end; i++) {
        if (figures[i].end <= end) links.push({ type: 'cites', from: claimIndex, to: i });
      }
    }
  }
  return { spans, links };
}

/** Index of the first of `figures` (sorted by start) starting at or after `start`. */
const firstFigureFrom = (figures: readonly ProposedSpan[], start: number) => firstNotBefore(figures.length, (i) => figures[i].start < start);
