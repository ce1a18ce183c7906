/** The shape of one line of the canonical JSONL export, for code that reads it back. */
export interface JsonlDocument {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  path: string | null;
  text: string;
  spans: {
    id: number;
    start: number;
    end: number;
    label: string;
    text: string;
    note: string;
    attributes: Record<string, string>;
    cluster?: { id: number; name: string };
  }[];
  /** Links whose `from` span is in this document; `to` may be a span of any document. */
  links: { from: number; to: number; type: string }[];
}
