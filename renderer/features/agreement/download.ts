/**
 * Saves a report the renderer already holds as a file: a Blob behind an object URL and a clicked `<a download>`
 * (both hosts: the browser downloads it, Electron asks where to save). Nothing goes through the backend, which
 * has no file to deliver.
 */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL can go once the event loop has passed it on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
