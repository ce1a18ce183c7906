import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Annotation, AnnotationInContext, Label, Link, LinkType } from '../../../common/model';
import type { Result } from '../../../common/contract';
import { Context, docLine } from './Context';

type Data = Result<'links.forAnnotation'>;

interface Props {
  /** Read calls only: every change goes through the callbacks (the workbench's commands). */
  reads: ReadBackend;
  annotation: Annotation;
  labels: Label[];
  types: LinkType[];
  /** Bumped when links or clusters change anywhere. */
  seq: number;
  onOpen(docId: number, annotationId: number): void;
  onUnlink(link: Link): void;
  onRename(clusterId: number, before: string, after: string): void;
  onDetach(annotationId: number): void;
  onFind(): void;
}

/** Groups items by the document they sit in, keeping first-seen order. */
function byDocument<T>(items: T[], doc: (t: T) => AnnotationInContext): { head: AnnotationInContext; items: T[] }[] {
  const groups = new Map<number, { head: AnnotationInContext; items: T[] }>();
  for (const it of items) {
    const d = doc(it);
    const g = groups.get(d.annotation.docId) ?? { head: d, items: [] };
    g.items.push(it);
    groups.set(d.annotation.docId, g);
  }
  return [...groups.values()];
}

/** The selected annotation's cluster and links, each a way into the other document. */
export function LinkPanel({ reads, annotation, labels, types, seq, onOpen, onUnlink, onRename, onDetach, onFind }: Props) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [naming, setNaming] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    reads
      .call('links.forAnnotation', { id: annotation.id })
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [reads, annotation.id, seq]);

  const typeOf = (id: number) => types.find((t) => t.id === id);
  const colorOf = (labelId: number) => labels.find((l) => l.id === labelId)?.color ?? '#888';
  const arrow = (l: Link) => {
    const t = typeOf(l.typeId);
    if (!t?.directed) return '↔';
    return l.fromId === annotation.id ? '→' : '←';
  };

  return (
    <section className="links" aria-label="Links">
      <div className="links-head">
        <h2>
          Links <span className="muted">{data?.links.length ?? ''}</span>
        </h2>
        <button onClick={onFind} title="Link this annotation (L)">
          Link… <kbd>L</kbd>
        </button>
      </div>
      {error ? <p className="pad error-text">{error}</p> : null}
      {data?.cluster ? (
        <div className="cluster" aria-label="Cluster">
          <div className="cluster-name">
            <span className="cluster-mark" aria-hidden>
              ◆
            </span>
            {naming === null ? (
              <>
                <strong data-testid="cluster-name">{data.cluster.name}</strong>
                <button className="icon" aria-label="Rename cluster" onClick={() => setNaming(data.cluster!.name)}>
                  ✎
                </button>
              </>
            ) : (
              <input
                autoFocus
                aria-label="Cluster name"
                value={naming}
                onChange={(e) => setNaming(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                  if (e.key === 'Escape') setNaming(null);
                  e.stopPropagation();
                }}
                onBlur={() => {
                  if (naming.trim() && naming !== data.cluster!.name) onRename(data.cluster!.id, data.cluster!.name, naming.trim());
                  setNaming(null);
                }}
              />
            )}
          </div>
          <div className="muted cluster-meta">
            {data.cluster.size} mentions in {new Set(data.cluster.members.map((m) => m.annotation.docId)).size} documents
          </div>
          <ul className="cluster-members">
            {data.cluster.members.map((m) => (
              <li key={m.annotation.id} className={m.annotation.id === annotation.id ? 'member-self' : ''}>
                <button className="member" onClick={() => onOpen(m.annotation.docId, m.annotation.id)}>
                  <span className="member-doc muted">{docLine(m)}</span>
                  <span className="member-text">{m.annotation.text}</span>
                </button>
                <button className="icon" title="Take out of the cluster" aria-label={`Take "${m.annotation.text}" out of the cluster`} onClick={() => onDetach(m.annotation.id)}>
                  ⊖
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data && data.links.length === 0 && !data.cluster ? (
        <p className="muted pad">No links yet. Press L to link this span to another span or passage, or accept a suggestion below.</p>
      ) : null}
      {data
        ? byDocument(data.links, (l) => l.other).map((g) => (
            <div key={g.head.annotation.docId} className="linkgroup">
              <div className="linkgroup-doc">
                <strong>{g.head.docTitle}</strong>
                <span className="muted">
                  {' '}
                  {[g.head.docSource, g.head.docDate ?? 'no date'].filter(Boolean).join(' · ')}
                </span>
              </div>
              {g.items.map(({ link, other }) => {
                const t = typeOf(link.typeId);
                return (
                  <div key={link.id} className="linkrow">
                    <button className="linkrow-main" onClick={() => onOpen(other.annotation.docId, other.annotation.id)} data-link-id={link.id}>
                      <span className="linktype" style={{ ['--c' as string]: t?.color ?? '#888' }}>
                        {arrow(link)} {t?.name}
                      </span>
                      <span className="linkrow-label" style={{ ['--c' as string]: colorOf(other.annotation.labelId) }}>
                        {other.label}
                      </span>
                      <span className="linkrow-ctx">
                        <Context text={other.context} start={other.contextStart} end={other.contextEnd} />
                      </span>
                    </button>
                    <button className="icon" aria-label={`Remove ${t?.name} link to "${other.annotation.text}"`} onClick={() => onUnlink(link)}>
                      ×
                    </button>
                  </div>
                );
              })}
            </div>
          ))
        : null}
    </section>
  );
}
