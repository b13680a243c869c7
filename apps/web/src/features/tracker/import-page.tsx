import type { JSX } from 'react';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { cn } from '@tessera/ui/cn';
import { ProgressBar } from '@tessera/ui/progress-bar';
import { Select } from '@tessera/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { Check, RotateCcw } from 'lucide-react';
import { applicationJobDetailImportFields, type ImportDateOrder, importDateTimeFields, importDayFields } from '@tessera/validation/tracker';
import { Fragment, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import {
  autoMapHeaders,
  chunkCsv,
  type CsvEncoding,
  type CsvPreview,
  decodeCsvBytes,
  type Delimiter,
  importFieldLabels,
  importCount,
  duplicateReason,
  type ImportDuplicate,
  importedMessage,
  reportReadiness,
  importFieldsOf,
  type ImportKind,
  previewCsv,
  requiredImportFields,
} from './csv-mapping';
import { PageHeader } from './data-table';
import { FileDropZone } from './file-drop-zone';
import { isLegacyExcelBytes, isZipBytes, likeliestSheet, readWorkbookOffThread, WorkbookError, type WorkbookSheet } from './spreadsheet';

/** Files not saved as UTF-8, named for the person who saved them. */
const encodingNames: Record<Exclude<CsvEncoding, 'utf-8'>, string> = {
  'utf-16le': 'UTF-16 (Excel’s “Unicode Text”)',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252 (not UTF-8: Excel’s “CSV (Comma delimited)”)',
};

/** Rows per request: keeps each request small and lets the progress bar move. */
const rowsPerRequest = 1000;
const steps = ['Upload', 'Map columns', 'Check', 'Import'] as const;

interface Problem {
  row: number;
  field: string;
  problem: string;
}

/** How the check read dates like 03/04/2026 (the API's `dateOrder` answer). */
type DateOrderUsed = RouterOutputs['tracker']['transfer']['importCsv']['dateOrder'];

interface Report {
  dateOrder: DateOrderUsed;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  problems: Problem[];
  problemsTruncated: boolean;
  duplicateRows: number;
  duplicates: ImportDuplicate[];
}

interface Summary {
  created: number;
  jobsCreated: number;
  skipped: number;
  written: boolean;
  message: string;
}

type Mode = 'allOrNothing' | 'skipBadRows';

/** The chosen file as CSV text: a CSV file decoded, or one sheet of a workbook written out as CSV. */
interface ChosenFile {
  name: string;
  text: string;
  preview: CsvPreview;
  encoding: CsvEncoding;
  /** A workbook's sheets that have rows, and the one being imported. */
  workbook: { sheets: WorkbookSheet[]; sheet: string } | null;
}

/** Files larger than this are refused before they are read. */
const maxFileBytes = 50 * 1024 * 1024;
/**
 * Workbooks are compressed about five to one against the same rows as CSV, and are read whole in
 * the page's memory: 20 MB is about 550,000 rows (100,000 rows take 3.6 MB and 2 s).
 */
const maxWorkbookBytes = 20 * 1024 * 1024;

/** Route `/tracker/import`: upload a CSV → map its headers → dry-run report → import with progress. */
export function ImportPage(): JSX.Element {
  useDocumentTitle('Import · Tracker');
  const [kind, setKind] = useState<ImportKind>('jobs');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  /** A workbook being read, off the main thread (a 100,000-row sheet takes a couple of seconds). */
  const [reading, setReading] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; label: string; counted: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<Mode>('skipBadRows');
  /** Rows already in the tracker are left out unless the person asks for them. */
  const [importDuplicates, setImportDuplicates] = useState(false);
  /** Day or month first in dates like 03/04/2026: found out from the file unless the person says. */
  const [dateOrder, setDateOrder] = useState<ImportDateOrder>('auto');
  const importCsv = trpc.tracker.transfer.importCsv.useMutation();
  const utils = trpc.useUtils();

  const step = summary ? 3 : report ? 2 : file ? 1 : 0;
  const fields = importFieldsOf(kind);
  const missing = requiredImportFields[kind].filter((f) => !mapping[f]);
  const needsLink = kind === 'applications' && !mapping.jobUrl && !(mapping.company && mapping.title);
  const mapsDates = [...(kind === 'jobs' ? [] : importDateTimeFields), ...importDayFields].some((f) => mapping[f]);

  const reset = () => {
    setFile(null);
    setReport(null);
    setSummary(null);
    setProgress(null);
    setError(null);
    setFileError(null);
    setDateOrder('auto');
  };

  /** Shows a file's text in the mapping step, or says why it cannot be imported. */
  const showText = (name: string, text: string, encoding: CsvEncoding, workbook: ChosenFile['workbook']) => {
    // A sheet is written out with commas: a header with more semicolons than commas must not change that.
    const preview = workbook ? previewCsv(text, 3, ',') : previewCsv(text);
    if (!preview.headers.length || preview.headers.every((h) => !h)) {
      setFileError('This file has no header row. The first line must name the columns (title, company, …).');
      return;
    }
    setFileError(null);
    setFile({ name, text, encoding, preview, workbook });
    setMapping(autoMapHeaders(importFieldsOf(kind), preview.headers));
  };

  const readFile = async (chosen: File | undefined) => {
    reset();
    if (!chosen) return;
    if (chosen.size > maxFileBytes) {
      setFileError('The file is larger than 50 MB. Split it into smaller files.');
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    if (isZipBytes(bytes) || isLegacyExcelBytes(bytes) || /\.xlsx?$/i.test(chosen.name)) {
      if (bytes.length > maxWorkbookBytes) {
        setFileError('This workbook is larger than 20 MB. Save the sheet as CSV (up to 50 MB) or split it into smaller workbooks.');
        return;
      }
      let sheets: WorkbookSheet[];
      setReading(chosen.name);
      try {
        sheets = await readWorkbookOffThread(bytes);
      } catch (caught) {
        setFileError(caught instanceof WorkbookError ? caught.message : 'This file could not be read as an Excel workbook (.xlsx).');
        return;
      } finally {
        setReading(null);
      }
      const likeliest = likeliestSheet(sheets, importFieldsOf(kind));
      if (!likeliest) {
        setFileError('Every sheet of this workbook is empty.');
        return;
      }
      showText(chosen.name, likeliest.csv, 'utf-8', { sheets, sheet: likeliest.name });
      return;
    }
    const { text, encoding } = decodeCsvBytes(bytes);
    showText(chosen.name, text, encoding, null);
  };

  /** Another sheet of the same workbook: its own headers, so the mapping is guessed again. */
  const chooseSheet = (name: string) => {
    const sheet = file?.workbook?.sheets.find((s) => s.name === name);
    if (!file?.workbook || !sheet) return;
    setReport(null);
    setDateOrder('auto');
    showText(file.name, sheet.csv, 'utf-8', { ...file.workbook, sheet: sheet.name });
  };

  /** Sends the file in chunks (or whole, for the check and all-or-nothing) and adds the answers up. */
  const run = async (runMode: 'dryRun' | Mode) => {
    if (!file) return;
    setError(null);
    // The check reads the whole file in one request (uploads may be 75 MB), so its report covers
    // every row — a row repeating one far above it included; "skip bad rows" imports in chunks so
    // the bar moves while rows are written.
    const whole = runMode !== 'skipBadRows';
    // Chunks are re-written with commas; the whole file keeps its own delimiter.
    const chunks: { csv: string; firstRow: number; rows: number; delimiter: Delimiter }[] = whole
      ? [{ csv: file.text, firstRow: 0, rows: 0, delimiter: file.preview.delimiter }]
      : chunkCsv(file.text, file.preview.delimiter, rowsPerRequest).map((c) => ({ ...c, delimiter: ',' }));
    const total = whole ? 1 : chunks.reduce((sum, c) => sum + c.rows, 0);
    const label = runMode === 'dryRun' ? 'Checking rows' : 'Importing rows';
    // One request has no counts to show: the bar says what it does and fills when it is done.
    const shown = { label: whole ? `${label}…` : label, counted: !whole };
    setProgress({ done: 0, total, ...shown });
    // Parts of a large file are read as the check read the whole file — in the order it found, or
    // with dates like 03/04/2026 still reported when it found none (a part must not guess from its own rows).
    const order = dateOrder === 'auto' && runMode !== 'dryRun' && report ? (report.dateOrder.used ?? 'undecided') : dateOrder;
    const merged: Report & Summary = { dateOrder: { used: null, detectedFrom: null, conflict: false }, totalRows: 0, validRows: 0, invalidRows: 0, problems: [], problemsTruncated: false, duplicateRows: 0, duplicates: [], created: 0, jobsCreated: 0, skipped: 0, written: false, message: '' };
    const duplicates = runMode !== 'dryRun' && importDuplicates ? 'import' : 'skip';
    // The answers number rows from the first one under the header; a workbook's report uses the sheet's own numbers.
    const sheetRows = file.workbook?.sheets.find((s) => s.name === file.workbook?.sheet)?.sheetRows;
    const rowNumber = (dataRow: number) => (sheetRows?.[dataRow - 1] ?? dataRow);
    try {
      for (const chunk of chunks) {
        const answer = await importCsv.mutateAsync({ kind, csv: chunk.csv, mapping, mode: runMode, delimiter: chunk.delimiter, duplicates, dateOrder: order });
        merged.dateOrder = answer.dateOrder;
        merged.totalRows += answer.totalRows;
        merged.validRows += answer.validRows;
        merged.invalidRows += answer.invalidRows;
        merged.problemsTruncated ||= answer.problemsTruncated;
        // Header problems (row 0) are the same in every chunk: keep them once.
        for (const p of answer.problems) {
          if (p.row === 0 && merged.problems.some((q) => q.row === 0 && q.field === p.field)) continue;
          merged.problems.push({ row: p.row === 0 ? 0 : rowNumber(p.row + chunk.firstRow), field: p.field, problem: p.problem });
        }
        merged.duplicateRows += answer.duplicateRows;
        for (const d of answer.duplicates) {
          merged.duplicates.push({ row: rowNumber(d.row + chunk.firstRow), matchedBy: d.matchedBy, sameAsRow: d.sameAsRow === null ? null : rowNumber(d.sameAsRow + chunk.firstRow) });
        }
        merged.created += answer.created;
        merged.jobsCreated += answer.jobsCreated;
        merged.skipped += answer.skipped;
        merged.written ||= answer.written;
        merged.message = answer.summary;
        setProgress({ done: whole ? 1 : Math.min(total, chunk.firstRow + chunk.rows), total, ...shown });
      }
    } catch (caught) {
      setError(caught);
      setProgress(null);
      return;
    }
    setProgress(null);
    if (runMode === 'dryRun') {
      setReport(merged);
      setImportDuplicates(false);
      setMode(merged.invalidRows ? 'skipBadRows' : 'allOrNothing');
      return;
    }
    if (merged.written) {
      void utils.tracker.invalidate();
    }
    setSummary({
      ...merged,
      message: merged.written
        ? importedMessage(merged, kind)
        : merged.duplicateRows && !merged.invalidRows
          ? `Nothing was imported: ${importCount(merged.duplicateRows, kind)} ${merged.duplicateRows === 1 ? 'is' : 'are'} already in your tracker.`
          : chunks.length > 1
            ? 'Nothing was imported.'
            : merged.message,
    });
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Import from CSV or Excel"
        description="Bring jobs or applications over from a spreadsheet. Nothing is saved until you have seen the check’s report."
      />
      <ol className="flex flex-wrap gap-2" aria-label="Import steps">
        {steps.map((label, index) => (
          <li key={label} aria-current={index === step ? 'step' : undefined} className={cn('flex items-center gap-2 rounded-full border px-3 py-1 text-sm', index === step ? 'border-primary bg-primary/5 font-medium text-foreground' : 'border-border text-muted-foreground')}>
            <span className={cn('flex size-5 items-center justify-center rounded-full text-xs', index < step ? 'bg-success text-white' : index === step ? 'bg-primary text-primary-foreground' : 'bg-muted')}>
              {index < step ? <Check aria-hidden="true" className="size-3" /> : index + 1}
            </span>
            {label}
            {index < step ? <span className="sr-only">(done)</span> : null}
          </li>
        ))}
      </ol>

      {step === 0 ? <UploadStep kind={kind} onKind={setKind} onFile={(f) => void readFile(f)} error={fileError} reading={reading} /> : null}

      {file && step >= 1 ? (
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-3">
            <div>
              <CardTitle>Map columns</CardTitle>
              <CardDescription>
                {file.workbook ? (
                  <>
                    {file.name}, sheet “{file.workbook.sheet}”: {file.preview.headers.length} columns. Choose which column fills each field.
                  </>
                ) : (
                  <>
                    {file.name}: {file.preview.headers.length} columns, separated by {file.preview.delimiter === '\t' ? 'tabs' : `“${file.preview.delimiter}”`}
                    {file.encoding === 'utf-8' ? '' : `, read as ${encodingNames[file.encoding]}`}. Choose which column fills each field.
                  </>
                )}
              </CardDescription>
            </div>
            <Button variant="ghost" size="sm" onClick={reset}>
              <RotateCcw aria-hidden="true" />
              Start over
            </Button>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {file.workbook && file.workbook.sheets.length > 1 ? (
              <div className="flex flex-col gap-1 sm:max-w-md">
                <label htmlFor="import-sheet" className="text-sm font-medium">
                  Sheet
                </label>
                <Select id="import-sheet" value={file.workbook.sheet} disabled={step > 1} onChange={(e) => chooseSheet(e.target.value)}>
                  {file.workbook.sheets.map((sheet) => (
                    <option key={sheet.name} value={sheet.name}>
                      {sheet.name} ({sheet.rows.toLocaleString()} {sheet.rows === 1 ? 'row' : 'rows'})
                    </option>
                  ))}
                </Select>
              </div>
            ) : null}
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Field</TableHead>
                  <TableHead>Column in your file</TableHead>
                  <TableHead className="hidden sm:table-cell">First value</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {fields.map((field) => {
                  const column = file.preview.headers.indexOf(mapping[field] ?? '');
                  const required = requiredImportFields[kind].includes(field);
                  return (
                    <Fragment key={field}>
                      {kind === 'applications' && field === applicationJobDetailImportFields[0] ? (
                        <TableRow>
                          <TableCell colSpan={3} className="bg-muted/40 text-xs text-muted-foreground">
                            <span className="font-medium text-foreground">The job’s details</span> — used for the jobs this import creates; a job you already track keeps its own.
                          </TableCell>
                        </TableRow>
                      ) : null}
                      <TableRow>
                        <TableCell className="font-medium">
                          <label htmlFor={`map-${field}`}>{importFieldLabels[field] ?? field}</label>
                          {required ? <span className="ml-1 text-error" aria-label="required">*</span> : null}
                        </TableCell>
                        <TableCell className="min-w-40">
                          <Select id={`map-${field}`} value={mapping[field] ?? ''} disabled={step > 1} onChange={(e) => { setMapping((m) => ({ ...m, [field]: e.target.value })); setReport(null); }} aria-invalid={required && !mapping[field] ? true : undefined}>
                            <option value="">— Don’t import —</option>
                            {file.preview.headers.map((header, i) => (
                              <option key={`${header}-${i}`} value={header}>
                                {header || `(column ${i + 1})`}
                              </option>
                            ))}
                          </Select>
                        </TableCell>
                        <TableCell className="hidden max-w-56 truncate text-muted-foreground sm:table-cell">{column >= 0 ? (file.preview.sample[0]?.[column] ?? '') : ''}</TableCell>
                      </TableRow>
                    </Fragment>
                  );
                })}
              </TableBody>
            </Table>
            {mapsDates ? (
              <div className="flex flex-col gap-1 sm:max-w-md">
                <label htmlFor="import-date-order" className="text-sm font-medium">
                  Dates like 03/04/2026
                </label>
                <Select id="import-date-order" value={dateOrder} disabled={step > 1} onChange={(e) => { setDateOrder(e.target.value as ImportDateOrder); setReport(null); }} aria-describedby="import-date-order-help">
                  <option value="auto">Find out from the file</option>
                  <option value="dayFirst">Day first: 31/12/2026</option>
                  <option value="monthFirst">Month first: 12/31/2026</option>
                </Select>
                <p id="import-date-order-help" className="text-xs text-muted-foreground">
                  A date like 25/03/2026 can only be day first, so one such date settles the whole file. Dates written 2026-03-31 or 31 Mar 2026 read the same either way; a time without a zone is read as UTC.
                </p>
              </div>
            ) : null}
            {missing.length ? <Alert tone="warning">Map a column to {missing.map((f) => importFieldLabels[f]).join(' and ')}: every {kind === 'jobs' ? 'job' : 'application'} needs it.</Alert> : null}
            {needsLink ? <Alert tone="warning">Map the job URL, or both company and title, so each application can be linked to its job.</Alert> : null}
            {step === 1 ? (
              <div className="flex justify-end">
                <Button onClick={() => void run('dryRun')} disabled={Boolean(missing.length) || needsLink || Boolean(progress)} loading={Boolean(progress)}>
                  Check the file
                </Button>
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {progress ? (
        <ProgressBar
          label={progress.counted ? `${progress.label}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : progress.label}
          value={progress.done}
          max={Math.max(1, progress.total)}
          showValue
        />
      ) : null}
      {error ? <ErrorAlert error={error} title="The import stopped" /> : null}

      {report && !summary ? (
        <ReportCard
          report={report}
          rowsNote={file?.workbook ? `Rows are numbered as in the sheet “${file.workbook.sheet}”.` : 'Row 1 is the first line after the header.'}
          kind={kind}
          mode={mode}
          onMode={setMode}
          importDuplicates={importDuplicates}
          onImportDuplicates={setImportDuplicates}
          busy={Boolean(progress)}
          onImport={() => void run(mode)}
          onBack={() => setReport(null)}
        />
      ) : null}

      {summary ? (
        <Alert
          tone={summary.written ? 'success' : 'warning'}
          title={summary.written ? 'Import finished' : 'Nothing was imported'}
          action={
            <>
              <Button size="sm" variant="secondary" asChild>
                <Link to={kind === 'jobs' ? '/tracker/jobs' : '/tracker'}>{kind === 'jobs' ? 'See your jobs' : 'See the board'}</Link>
              </Button>
              <Button size="sm" variant="ghost" onClick={reset}>
                Import another file
              </Button>
            </>
          }
        >
          <p data-testid="import-summary">{summary.message}</p>
        </Alert>
      ) : null}
    </div>
  );
}

function UploadStep({
  kind,
  onKind,
  onFile,
  error,
  reading,
}: {
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  onFile: (file: File | undefined) => void;
  error: string | null;
  /** The name of a workbook being read. */
  reading: string | null;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>What does the file hold?</CardTitle>
        <CardDescription>
          One row per job or application, with a header row naming the columns: a CSV file (commas, semicolons or tabs; quoted fields may span lines) or an Excel workbook (.xlsx — you choose the sheet).
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div role="radiogroup" aria-label="Import" className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {(
            [
              { value: 'jobs', title: 'Jobs', help: 'title, company, location, remote, salary, tech stack, URL…' },
              { value: 'applications', title: 'Applications', help: 'job URL (or company + title), status, applied date, notes, and the job’s details (location, salary…)' },
            ] as const
          ).map((option) => (
            <label key={option.value} className={cn('flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm', kind === option.value ? 'border-primary bg-primary/5' : 'border-border')}>
              <input type="radio" name="import-kind" value={option.value} checked={kind === option.value} onChange={() => onKind(option.value)} className="mt-1 accent-primary" />
              <span>
                <span className="font-medium">{option.title}</span>
                <span className="block text-xs text-muted-foreground">{option.help}</span>
              </span>
            </label>
          ))}
        </div>
        <FileDropZone
          label="CSV or Excel file"
          title="Choose a CSV or Excel file"
          hint="or drop it here · .csv, .tsv, .txt or .xlsx · up to 50 MB"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onFile={onFile}
        />
        <p role="status" className="text-sm text-muted-foreground empty:hidden">
          {reading ? `Reading the sheets of ${reading}…` : ''}
        </p>
        {error ? <Alert tone="error">{error}</Alert> : null}
      </CardContent>
    </Card>
  );
}

function ReportCard({
  report,
  rowsNote,
  kind,
  mode,
  onMode,
  importDuplicates,
  onImportDuplicates,
  busy,
  onImport,
  onBack,
}: {
  report: Report;
  /** How the report's row numbers relate to the file. */
  rowsNote: string;
  kind: ImportKind;
  mode: Mode;
  onMode: (mode: Mode) => void;
  importDuplicates: boolean;
  onImportDuplicates: (value: boolean) => void;
  busy: boolean;
  onImport: () => void;
  onBack: () => void;
}) {
  const clean = report.invalidRows === 0 && !report.problems.some((p) => p.row === 0);
  const ready = report.validRows + (importDuplicates ? report.duplicateRows : 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Check report</CardTitle>
        <CardDescription data-testid="import-report-summary">
          {reportReadiness(report)}{' '}
          {/* Rows are written chunk by chunk while the import runs: "nothing saved yet" stops being true. */}
          {busy ? 'Importing now: the bar above shows how far it has got.' : 'Nothing has been saved yet.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap gap-2">
          <Badge tone="success">{report.validRows.toLocaleString()} ready</Badge>
          <Badge tone={report.invalidRows ? 'danger' : 'neutral'}>{report.invalidRows.toLocaleString()} with problems</Badge>
          {report.duplicateRows ? <Badge tone="warning">{report.duplicateRows.toLocaleString()} already in your tracker</Badge> : null}
        </div>
        {dateOrderNote(report.dateOrder) ? <p className="text-sm text-muted-foreground" data-testid="import-date-order">{dateOrderNote(report.dateOrder)}</p> : null}
        {report.problems.length ? (
          <div className="max-h-80 overflow-y-auto">
            <Table aria-label="Problems found">
              <TableHeader>
                <TableRow>
                  <TableHead className="w-16">Row</TableHead>
                  <TableHead>Field</TableHead>
                  <TableHead>Problem</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.problems.map((p, i) => (
                  <TableRow key={i}>
                    <TableCell className="tabular-nums">{p.row === 0 ? 'Header' : p.row}</TableCell>
                    <TableCell className="font-mono text-xs">{importFieldLabels[p.field] ? `${importFieldLabels[p.field]} (${p.field})` : p.field}</TableCell>
                    <TableCell>{p.problem}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : ready === 0 ? (
          <Alert>Nothing new to import. Tick “Import them anyway” below to add these rows a second time.</Alert>
        ) : (
          <Alert tone="success">Every row is valid.</Alert>
        )}
        {report.problemsTruncated ? <p className="text-xs text-muted-foreground">Only the first problems are listed.</p> : null}
        {report.duplicateRows ? <DuplicatesSection report={report} kind={kind} importDuplicates={importDuplicates} onImportDuplicates={onImportDuplicates} /> : null}
        <p className="text-xs text-muted-foreground">{rowsNote}</p>
        {/* Nothing to import: no way of importing to choose either. */}
        <fieldset className={ready === 0 ? 'hidden' : 'flex flex-col gap-2'}>
          <legend className="mb-1 text-sm font-medium">How to import</legend>
          {(
            [
              { value: 'skipBadRows', title: 'Skip the rows with problems', help: `Import the ${ready === 1 ? 'valid row' : `${ready.toLocaleString()} valid rows`}; fix the others and import them later.` },
              { value: 'allOrNothing', title: 'All or nothing', help: clean ? 'Every row is valid: all of them are imported in one step.' : 'Nothing is imported while any row has a problem.' },
            ] as const
          ).map((option) => (
            <label key={option.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="import-mode" value={option.value} checked={mode === option.value} onChange={() => onMode(option.value)} className="mt-1 accent-primary" />
              <span>
                <span className="font-medium">{option.title}</span>
                <span className="block text-xs text-muted-foreground">{option.help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onBack} disabled={busy}>
            Change the mapping
          </Button>
          <Button onClick={onImport} loading={busy} disabled={ready === 0 || (mode === 'allOrNothing' && !clean)}>
            {ready === 0 ? 'Nothing to import' : `Import ${importCount(ready, kind)}`}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

/** One sentence on how dates like 03/04/2026 were read, or null when the file has none to place. */
function dateOrderNote({ used, detectedFrom, conflict }: DateOrderUsed): string | null {
  const order = used === 'dayFirst' ? 'day first (day/month/year)' : 'month first (month/day/year)';
  if (used && detectedFrom) return `Dates like 03/04/2026 are read ${order}: the file has ${detectedFrom}, which can only be read that way.`;
  if (used) return `Dates like 03/04/2026 are read ${order}, as you chose.`;
  if (conflict) return 'The file writes some dates day first and others month first: each date that could be either is listed below. Choose an order with “Change the mapping”.';
  return null;
}

function DuplicatesSection({ report, kind, importDuplicates, onImportDuplicates }: { report: Report; kind: ImportKind; importDuplicates: boolean; onImportDuplicates: (value: boolean) => void }) {
  return (
    <section aria-labelledby="import-duplicates-title" className="flex flex-col gap-2" data-testid="import-duplicates">
      <h3 id="import-duplicates-title" className="text-sm font-medium">
        Already in your tracker
      </h3>
      <p className="text-sm text-muted-foreground">
        {importCount(report.duplicateRows, kind)} {report.duplicateRows === 1 ? 'repeats' : 'repeat'} what you already track
        {kind === 'jobs' ? ' (same job URL, tracking parameters such as utm_source aside, or, without one, same company, title and location)' : ' (same job, same applied date)'}. They are left out, so importing a
        file twice adds nothing.
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground">Show the rows</summary>
        <ul className="mt-2 flex max-h-48 flex-col gap-1 overflow-y-auto">
          {report.duplicates.map((d) => (
            <li key={d.row}>
              <span className="tabular-nums font-medium">Row {d.row.toLocaleString()}</span> — {duplicateReason(d, kind)}
            </li>
          ))}
        </ul>
      </details>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={importDuplicates} onChange={(e) => onImportDuplicates(e.target.checked)} className="mt-1 accent-primary" />
        <span>Import them anyway</span>
      </label>
    </section>
  );
}
