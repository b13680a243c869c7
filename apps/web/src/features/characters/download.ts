/** A file the API produced (`characters.export`). */
export interface ExportedFile {
  filename: string;
  contentType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

export function fileBlob(file: ExportedFile): Blob {
  if (file.encoding === 'base64') {
    const binary = atob(file.content);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: file.contentType });
  }
  return new Blob([file.content], { type: file.contentType });
}

/** Saves the file through the browser's normal download. */
export function saveFile(file: ExportedFile): void {
  const url = URL.createObjectURL(fileBlob(file));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
