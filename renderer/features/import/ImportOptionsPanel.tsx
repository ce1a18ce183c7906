import { useState } from 'react';
import { COMMON_ENCODINGS, DETECT, layerNameProblem, setImportChoice, useImportChoice } from './import-options';

const OTHER = '__other__';

/**
 * The import options: the encoding of plain-text files (detected, one from the list, or any name typed), the layer
 * name of files that do not say whose work they hold, and strict mode. Changes apply to the next import (picked or dropped files).
 */
export function ImportOptionsPanel({ idPrefix = 'import-options' }: { idPrefix?: string }) {
  const choice = useImportChoice();
  const listed = choice.encoding === DETECT || COMMON_ENCODINGS.some((e) => e.name === choice.encoding);
  const [typing, setTyping] = useState(!listed);
  const selectValue = typing ? OTHER : choice.encoding;
  const layerProblem = layerNameProblem(choice);
  return (
    <fieldset className="import-options" data-testid="import-options">
      <legend>Options for the next import</legend>
      <label className="import-option" htmlFor={`${idPrefix}-encoding`}>
        <span className="import-option-name">Encoding of text files</span>
        <select
          id={`${idPrefix}-encoding`}
          value={selectValue}
          onChange={(e) => {
            const v = e.target.value;
            setTyping(v === OTHER);
            if (v !== OTHER) setImportChoice({ encoding: v });
            else setImportChoice({ encoding: '' });
          }}
        >
          <option value={DETECT}>Detect (refuse files whose encoding is in doubt)</option>
          {COMMON_ENCODINGS.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name} — {e.what}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
      </label>
      {typing ? (
        <label className="import-option" htmlFor={`${idPrefix}-encoding-name`}>
          <span className="import-option-name">Encoding name</span>
          <input
            id={`${idPrefix}-encoding-name`}
            type="text"
            placeholder="e.g. ISO-8859-13, cp1250, latin2"
            value={choice.encoding}
            spellCheck={false}
            onChange={(e) => setImportChoice({ encoding: e.target.value })}
          />
        </label>
      ) : null}
      <p className="import-option-help">
        A named encoding applies to text files that are not UTF-8 (files with a byte order mark keep theirs).
      </p>
      <label className="import-option" htmlFor={`${idPrefix}-layer`}>
        <span className="import-option-name">Layer name</span>
        <input
          id={`${idPrefix}-layer`}
          type="text"
          placeholder="your own layer"
          value={choice.annotator ?? ''}
          spellCheck={false}
          aria-invalid={layerProblem ? true : undefined}
          aria-describedby={`${idPrefix}-layer-help`}
          onChange={(e) => setImportChoice({ annotator: e.target.value })}
        />
      </label>
      <p className="import-option-help" id={`${idPrefix}-layer-help`} role={layerProblem ? 'alert' : undefined}>
        {layerProblem
          ? `Layer name: ${layerProblem}.`
          : 'Whose work the imported spans are, for files that do not say (blank: your own layer). Files with several annotators keep their names.'}
      </p>
      <label className="import-option import-option-check">
        <input type="checkbox" checked={choice.strict} onChange={(e) => setImportChoice({ strict: e.target.checked })} />
        <span>
          Strict: refuse a file whole if anything in it would be dropped (spans or fields Crosscheck cannot place)
        </span>
      </label>
    </fieldset>
  );
}
