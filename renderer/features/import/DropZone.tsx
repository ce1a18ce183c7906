import { useRef, useState, type ReactNode } from 'react';
import { filesFromDrop, type PickedFile } from './upload';

/** Files or folders dropped anywhere on the window are imported (their bytes are uploaded; formats are told apart by the backend). */
export function DropZone({ onFiles, children }: { onFiles(f: PickedFile[]): void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  return (
    <div
      className="dropzone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        depth.current++;
        setOver(true);
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        void filesFromDrop(e.dataTransfer).then(onFiles);
      }}
    >
      {children}
      {over ? (
        <div className="drop-overlay" aria-hidden>
          <div>Drop files or folders to import them: text, Crosscheck JSONL, brat, doccano, Label Studio, W3C, WebAnno</div>
        </div>
      ) : null}
    </div>
  );
}
