import type { JSX } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Route `/tracker/skills`. */
export function SkillsPage(): JSX.Element {
  useDocumentTitle('Skills · Tracker');
  return <h1 className="text-2xl font-semibold tracking-tight">Skills</h1>;
}
