import { useDeferredValue, type ComponentProps } from 'react';
import { LinkPanel } from '../features/links/LinkPanel';

/**
 * The selected annotation's link panel, one render behind the selection (issue 15, tagging with one core busy): a
 * tag or a click is answered first with what the analyst looks at (the highlight, the editor's quote), and the
 * panel's request for the annotation's links leaves after that frame instead of competing with it for the page and
 * the backend. Same props as LinkPanel; it shows the annotation it is given once React has time for it.
 */
export function DeferredLinkPanel(props: ComponentProps<typeof LinkPanel>) {
  // null at first, so that even the first selection is not held up by the panel.
  const annotation = useDeferredValue(props.annotation, null);
  return annotation ? <LinkPanel {...props} annotation={annotation} /> : null;
}
