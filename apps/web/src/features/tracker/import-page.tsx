import type { JSX } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Route `/tracker/import`. */
export function ImportPage(): JSX.Element {
  useDocumentTitle('Import · Tracker');
  return <h1 className="text-2xl font-semibold tracking-tight">Import</h1>;
}
