import { useRef } from 'react';
import { filesFromInput, type PickedFile } from './upload';

/** File and folder pickers; a folder keeps its inner paths so the report names files as the user knows them. */
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
      <input ref={files} type="file" multiple accept=".txt,.md,text/plain,text/markdown" hidden onChange={(e) => pick(e.target)} data-testid="import-files" />
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
