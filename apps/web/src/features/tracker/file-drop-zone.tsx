import { cn } from '@tessera/ui/cn';
import { FileUp } from 'lucide-react';
import { type ChangeEvent, type DragEvent, type ReactNode, useState } from 'react';

/**
 * A dashed box around a visually hidden file input: click it (or focus the input and press space)
 * to choose a file, or drop one on it. The CSV import's upload step and the backup restore dialog
 * both use it, so the two file fields look and behave the same.
 */
export function FileDropZone({
  label,
  title,
  hint,
  accept,
  onFile,
  className,
}: {
  /** The input's accessible name ("CSV file"). */
  label: string;
  /** The visible call to action, or the chosen file's name. */
  title: ReactNode;
  hint: ReactNode;
  accept: string;
  onFile: (file: File | undefined) => void;
  className?: string;
}) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    onFile(event.dataTransfer.files[0]);
  };
  return (
    <label
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn(
        'flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed px-6 py-10 text-center text-sm transition-colors focus-within:ring-2 focus-within:ring-ring',
        dragging ? 'border-primary bg-primary/5' : 'border-border hover:bg-subtle',
        className,
      )}
    >
      <FileUp aria-hidden="true" className="size-6 text-muted-foreground" />
      <span className="font-medium break-words">{title}</span>
      <span className="text-xs text-muted-foreground">{hint}</span>
      <input type="file" accept={accept} className="sr-only" aria-label={label} onChange={(e: ChangeEvent<HTMLInputElement>) => onFile(e.target.files?.[0])} />
    </label>
  );
}
