import { useEffect, useRef, useState } from 'react';
import { formats } from '../../../common/formats';
import { filesFromInput, type PickedFile } from './upload';
import { ImportOptionsPanel } from './ImportOptionsPanel';
import { describeChoice, useImportChoice } from './import-options';

/** Every extension some import format reads (common/formats.ts): text, JSONL, brat, doccano, Label Studio, W3C, WebAnno. */
const accept = [...new Set(Object.values(formats).flatMap((f) => ('import' in f ? f.import.extensions : [])))].join(',');

/**
 * File and folder pickers; a folder keeps its inner paths so the report names files as the user knows them. The
 * browser reads the bytes and uploads them (never a path on the server); the backend tells formats apart. The
 * options button opens the import options (encoding, strict), which also apply to dropped files.
 */
export function ImportButtons({ onFiles, busy }: { onFiles(f: PickedFile[]): void; busy: boolean }) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const chosen = describeChoice(useImportChoice());
  const pick = (input: HTMLInputElement | null) => {
    if (!input?.files) return;
    onFiles(filesFromInput(input.files));
    input.value = '';
  };
  return (
    <>
      <button onClick={() => files.current?.click()} disabled={busy}>
        Import files
      </button>
      <button onClick={() => folder.current?.click()} disabled={busy}>
        Import folder
      </button>
      <span className="import-options-anchor">
        <button
          onClick={() => setOptionsOpen((o) => !o)}
          aria-expanded={optionsOpen}
          aria-haspopup="dialog"
          aria-label={`Import options${chosen ? `: ${chosen}` : ''}`}
          title={`Import options: ${chosen || 'encoding detected, not strict'}`}
        >
          Options
          {/* A dot, not the words: the top bar has no room for them at laptop widths; they are in the title. */}
          {chosen ? <span className="import-options-set" aria-hidden /> : null}
        </button>
        {optionsOpen ? <OptionsPopover onClose={() => setOptionsOpen(false)} /> : null}
      </span>
      <input ref={files} type="file" multiple accept={accept} hidden onChange={(e) => pick(e.target)} data-testid="import-files" />
      <input
        ref={folder}
        type="file"
        hidden
        onChange={(e) => pick(e.target)}
        data-testid="import-folder"
        {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
      />
    </>
  );
}

/** The import options under their button; Escape or a click outside closes it. */
function OptionsPopover({ onClose }: { onClose(): void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const click = (e: MouseEvent) => {
      const anchor = box.current?.parentElement;
      if (anchor && !anchor.contains(e.target as Node)) onClose();
    };
    document.addEventListener('keydown', key);
    document.addEventListener('mousedown', click);
    return () => {
      document.removeEventListener('keydown', key);
      document.removeEventListener('mousedown', click);
    };
  }, [onClose]);
  return (
    <div ref={box} className="import-options-popover" role="dialog" aria-label="Import options">
      <ImportOptionsPanel idPrefix="topbar-import" />
    </div>
  );
}
