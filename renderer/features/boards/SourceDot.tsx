/** A source's colour as a dot (timeline legend, source chips, mention rows). */
export function SourceDot({ color }: { color: string }) {
  return <span className="board-source-dot" style={{ ['--c' as string]: color }} aria-hidden />;
}
