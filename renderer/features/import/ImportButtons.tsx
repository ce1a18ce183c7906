import { useRef } from 'react';
import { formats } from '../../../common/formats';
import { filesFromInput, type PickedFile } from './upload';

/** Every extension some import format reads (common/formats.ts): text, JSONL, brat, doccano, Label Studio, W3C, WebAnno. */
const accept = [...new Set(Object.values(formats).flatMap((f) => ('import' in f ? f.import.extensions : [])))].join(',');

/**
 * File and folder pickers; a folder keeps its inner paths so the report names files as the user knows them. The
 * browser reads the bytes and uploads them (never a path on the server); the backend tells formats apart.
 */
export function ImportButtons({ onFiles, busy }: { onFiles(f: PickedFile[]): void; busy: boolean }) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
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
