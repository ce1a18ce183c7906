import type { Annotator } from '../../../common/annotators';

/**
 * What the Agreement view says while there is nothing to compare (fewer than two layers with spans), and how to
 * get a second layer.
 */
export function NoSecondLayer({ layers }: { layers: Annotator[] }) {
  return (
    <div className="dash dash-state agr agr-none" role="status">
      <h2>Agreement needs two layers</h2>
      <p>
        {layers.length === 0
          ? 'No annotator has spans in this project yet.'
          : `Only ${layers[0].name}'s layer has spans. Agreement compares two or more annotators' layers of the same documents.`}
      </p>
      <p>To get a second layer:</p>
      <ul>
        <li>
          merge a colleague&apos;s work: <strong>Merge…</strong> in the top bar (or its ⋯ menu) brings their project or an export of it in as their layer; on the
          command line, <code>crosscheck merge other.crosscheck --db project.crosscheck</code>;
        </li>
        <li>
          or import a file that holds several annotators: JSONL with an <code>&quot;annotator&quot;</code> on each span, a Label Studio export with several users, a doccano export
          with <code>user</code>.
        </li>
      </ul>
    </div>
  );
}
