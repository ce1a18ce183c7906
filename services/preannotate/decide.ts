/**
 * The analyst's side of pre-annotation (common/proposals.ts): the open proposals of a document, accepting them
 * (a copy into the analyst's own layer, without provenance, with the links both of whose ends they now have),
 * rejecting them (remembered: never shown to this analyst or proposed by a run again), undoing either, and
 * redoing it with the same ids.
 * The `auto` layer itself is never changed here.
 */
import type { Project } from '../project.js';
import { proposalsRepo } from '../../db/proposals.js';
import { toAnnotation } from '../../db/annotations.js';
import { AppError } from '../../common/errors.js';
import { AUTO_LAYER } from '../../common/annotators.js';
import type { Annotation, Attributes } from '../../common/model.js';
import { PROVENANCE_ATTRIBUTES, type Proposal, type ProposalDecision, type ProposalsDecided } from '../../common/proposals.js';

/** `attrs` without the provenance attributes (rule, confidence, model_version, score). */
export function withoutProvenance(attrs: Attributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs)) if (!(PROVENANCE_ATTRIBUTES as readonly string[]).includes(k)) out[k] = v;
  return out;
}

/** A proposal's confidence attribute as a number in 0..1, or null when it has none that reads as one. */
function confidenceOf(attrs: Attributes): number | null {
  const raw = attrs.confidence ?? attrs.score;
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

export function proposalDecisions(p: Project) {
  const repo = proposalsRepo(p.db);
  /** The `auto` layer's id, or undefined while no run has made it. */
  const autoId = () => p.annotators.idByName(AUTO_LAYER);

  /** The `auto` annotations `ids`, in order. @throws AppError InvalidInput naming the first id that is none. */
  function autoSpans(ids: readonly number[]): Annotation[] {
    const auto = autoId();
    return [...new Set(ids)].map((id) => {
      let a: Annotation | null = null;
      try {
        a = p.annotations.get(id);
      } catch {
        /* reported below */
      }
      if (!a || a.annotatorId !== auto) throw new AppError('InvalidInput', `Annotation ${id} is not a proposal (a span of the "${AUTO_LAYER}" layer).`);
      return a;
    });
  }

  const decisionFor = (a: Annotation, annotatorId: number, decision: ProposalDecision['decision']): ProposalDecision => ({
    docId: a.docId,
    labelId: a.labelId,
    start: a.start,
    end: a.end,
    annotatorId,
    decision,
  });

  return {
    /** The document's open proposals for the current analyst, in text order (common/proposals.ts Proposal). */
    forDocument(docId: number): Proposal[] {
      p.documents.get(docId);
      const auto = autoId();
      if (auto === undefined) return [];
      return repo.open(auto, p.annotators.currentId(), docId).map((r) => {
        const a = toAnnotation(r);
        return {
          id: a.id,
          docId: a.docId,
          labelId: a.labelId,
          label: r.label,
          start: a.start,
          end: a.end,
          text: a.text,
          attributes: a.attributes,
          rule: a.attributes.rule ?? '',
          confidence: confidenceOf(a.attributes),
        };
      });
    },

    /**
     * Accepts or rejects the proposals `ids` for the current analyst, in one transaction. Accepting copies each
     * into their layer (a span they have already is not copied, its decision is still recorded), then copies the
     * `auto` links touching them whose both ends now have a twin in the layer and that the layer lacks. A copy
     * takes the proposal's stored text (cut from the document when it was proposed): no document is read, however
     * many spans one call accepts in it.
     * @throws AppError InvalidInput (an id that is no `auto` span), Conflict (rejecting a proposal whose span the
     *   analyst's layer has: accepted already, or tagged by hand; the record would say rejected while the span stays).
     */
    decide(ids: readonly number[], decision: 'accept' | 'reject'): ProposalsDecided {
      return p.transaction(() => {
        const spans = autoSpans(ids);
        const me = p.annotators.currentId();
        const at = new Date().toISOString();
        const out: ProposalsDecided = { created: [], links: [], decisions: [] };
        const record = (a: Annotation) => {
          const d = decisionFor(a, me, decision === 'accept' ? 'accepted' : 'rejected');
          repo.decide(d, at);
          out.decisions.push(d);
        };
        // The twin in the analyst's layer of an `auto` span (same document, label, offsets), or undefined.
        const twinOf = (a: Annotation) => p.annotations.sameSpan(a.docId, a.labelId, a.start, a.end, me);
        if (decision === 'reject') {
          for (const a of spans) {
            const twin = twinOf(a);
            if (twin === undefined) continue;
            const how = repo.decisionOf(a.docId, a, me) === 'accepted' ? 'accepted already' : 'in your layer already';
            throw new AppError('Conflict', `Proposal ${a.id} ("${a.text.slice(0, 60)}") is ${how} (annotation ${twin}): undo the accept first, or delete that span, before rejecting it.`);
          }
          spans.forEach(record);
          return out;
        }
        for (const a of spans) {
          if (twinOf(a) === undefined) {
            const id = p.annotations.insertChecked({ docId: a.docId, labelId: a.labelId, start: a.start, end: a.end, text: a.text, note: a.note, attributes: withoutProvenance(a.attributes), at, annotatorId: me });
            out.created.push(p.annotations.get(id));
          }
          record(a);
        }
        const auto = spans[0]?.annotatorId;
        if (auto === undefined) return out;
        for (const l of repo.linksTouching(auto, spans.map((s) => s.id))) {
          const from = twinOf(p.annotations.get(l.fromId));
          const to = twinOf(p.annotations.get(l.toId));
          if (from === undefined || to === undefined || from === to) continue;
          const link = p.links.insertUnlessLinked(from, to, l.typeId);
          if (link) out.links.push(link);
        }
        const transitive = out.links.filter((l) => p.links.getType(l.typeId).transitive).flatMap((l) => [l.fromId, l.toId]);
        if (transitive.length) p.links.clusters.recluster(transitive);
        return out;
      });
    },

    /**
     * Takes a decide back, in one transaction: deletes the spans it created (with their links) that are still in
     * the current analyst's layer, and forgets the current analyst's decisions listed (each only while it is
     * still the decision recorded).
     */
    undo(created: readonly number[], decisions: readonly ProposalDecision[]): { ok: true } {
      return p.transaction(() => {
        const me = p.annotators.currentId();
        for (const id of new Set(created)) {
          let a: Annotation;
          try {
            a = p.annotations.get(id);
          } catch {
            continue;
          }
          if (a.annotatorId === me) p.annotations.delete(id);
        }
        for (const d of decisions) if (d.annotatorId === me) repo.forget(d);
        return { ok: true as const };
      });
    },

    /**
     * Puts an undone decide back as it was, in one transaction: the spans it created under their old ids (as
     * annotations.restore does), then its links under theirs (links.restore; transitive ones re-form clusters), then
     * its decisions recorded again. Keeping the ids is what lets later history entries that name an accepted span
     * (an edit of its note) apply again after redo. Returns the spans and links as now stored, with the decisions.
     * A decision is put back only where it can have been made: where the `auto` layer has a span of that label,
     * or, for an accepted one, where the analyst's layer has the span (the copy just put back). Ids must be ones
     * the project issued (db/issued-ids.ts) and timestamps ISO (the contract checks those).
     * @throws AppError Conflict (an item of another layer than the current analyst's, gold included: deciding is
     *   one's own; an id or place taken since), NotFound (a document or label gone), InvalidInput (an empty span,
     *   a decision where nothing was proposed, an id never issued).
     */
    redo(decided: ProposalsDecided): ProposalsDecided {
      return p.transaction(() => {
        const me = p.annotators.currentId();
        const own = (annotatorId: number, what: string) => {
          if (annotatorId !== me) {
            throw new AppError('Conflict', `${what} is in ${p.annotators.name(annotatorId)}'s layer, not yours (${p.annotators.name(me)}): a decision is redone in one's own layer only.`);
          }
        };
        decided.created.forEach((a) => own(a.annotatorId, `Annotation ${a.id}`));
        decided.links.forEach((l) => own(l.annotatorId, `Link ${l.id}`));
        decided.decisions.forEach((d) => own(d.annotatorId, 'A decision'));
        const created = decided.created.map((a) => p.annotations.restore(a).annotation);
        const links = decided.links.length ? p.links.restore(decided.links).links : [];
        const at = new Date().toISOString();
        const auto = autoId();
        for (const d of decided.decisions) {
          p.documents.get(d.docId);
          p.labels.get(d.labelId);
          if (d.end <= d.start) throw new AppError('InvalidInput', `A decision's span must not be empty (${d.start}..${d.end}).`);
          const proposed = auto !== undefined && p.annotations.sameSpan(d.docId, d.labelId, d.start, d.end, auto) !== undefined;
          const copied = d.decision === 'accepted' && p.annotations.sameSpan(d.docId, d.labelId, d.start, d.end, me) !== undefined;
          if (!proposed && !copied) {
            throw new AppError('InvalidInput', `Nothing was proposed at ${d.start}..${d.end} of document ${d.docId} with label ${d.labelId}: a decision is about a proposal.`);
          }
          repo.decide(d, at);
        }
        return { created, links, decisions: decided.decisions };
      });
    },
  };
}

export type ProposalDecisions = ReturnType<typeof proposalDecisions>;
