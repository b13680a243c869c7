import type { JSX } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Route `/tracker/analytics`. */
export function AnalyticsPage(): JSX.Element {
  useDocumentTitle('Analytics · Tracker');
  return <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>;
}
