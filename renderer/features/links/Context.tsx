/** A sentence with the span inside it marked; offsets are code points into `text`. */
export function Context({ text, start, end }: { text: string; start: number; end: number }) {
  const cps = Array.from(text);
  return (
    <span className="ctx">
      {cps.slice(0, start).join('')}
      <mark className="ctx-span">{cps.slice(start, end).join('')}</mark>
      {cps.slice(end).join('')}
    </span>
  );
}

export const docLine = (d: { docTitle: string; docDate: string | null; docSource: string | null }) =>
  [d.docSource, d.docDate ?? 'no date', d.docTitle].filter(Boolean).join(' · ');
