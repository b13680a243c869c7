import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { ConfirmDialog } from '@tessera/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@tessera/ui/dialog';
import { Popover, PopoverContent, PopoverTrigger } from '@tessera/ui/popover';
import { useToast } from '@tessera/ui/toast';
import { applicationExportFields, excelExportMaxRows, jobExportFields } from '@tessera/validation/tracker';
import { Archive, CalendarPlus, ChevronDown, Download, FileJson, FileSpreadsheet, FileText, Upload } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { trpc } from '../../lib/trpc';
import { interviewsCalendarFile } from './calendar';
import { clickLink, exportUrl, fetchDownload, fileToBase64, saveBlob, saveFile } from './download';
import { FileDropZone } from './file-drop-zone';
import { plural, restoreSummary } from './format';

type Kind = 'jobs' | 'applications';

const fieldLabels: Record<string, string> = {
  id: 'Id',
  jobId: 'Job id',
  title: 'Title',
  company: 'Company',
  description: 'Description',
  location: 'Location',
  remote: 'Work mode',
  jobType: 'Job type',
  salaryMin: 'Salary min',
  salaryMax: 'Salary max',
  salaryCurrency: 'Currency',
  techStack: 'Tech stack',
  url: 'URL',
  jobUrl: 'Job URL',
  source: 'Source',
  postedAt: 'Posted',
  status: 'Status',
  appliedAt: 'Applied',
  notes: 'Notes',
  nextInterviewAt: 'Next interview',
  statusChangedAt: 'Status since',
  createdAt: 'Created',
  updatedAt: 'Updated',
};

const menuItem =
  'flex w-full items-center gap-2 rounded-md px-2 py-2 text-left text-sm outline-none hover:bg-muted focus-visible:bg-muted focus-visible:ring-2 focus-visible:ring-ring [&_svg]:size-4 [&_svg]:text-muted-foreground';

/**
 * Export what the table shows (its filters) as CSV or JSON — streamed by the server, so any size
 * works — or as an Excel workbook with the same columns, a PDF report, a full ZIP backup, or restore one.
 */
export function ExportMenu({ kind, filters, total }: { kind: Kind; filters: object; /** Rows the filters match, when the page knows it. */ total?: number }) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'csv' | 'restore' | null>(null);
  const { toast } = useToast();
  const pdf = trpc.tracker.transfer.exportFile.useMutation({
    onSuccess: (file) => {
      saveFile(file);
      toast({ tone: 'success', title: 'PDF report ready', description: file.filename });
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not build the PDF report', description: error.message }),
  });
  const backup = trpc.tracker.transfer.backup.useMutation({
    onSuccess: (file) => {
      saveFile(file);
      toast({ tone: 'success', title: 'Backup downloaded', description: `${file.manifest.counts.jobs} jobs, ${file.manifest.counts.applications} applications` });
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not create the backup', description: error.message }),
  });
  const utils = trpc.useUtils();
  const [calendarBusy, setCalendarBusy] = useState(false);
  /** Every interview ahead (not only the filtered rows: a calendar wants them all) as one .ics file. */
  const interviews = async () => {
    setCalendarBusy(true);
    try {
      const upcoming = await utils.tracker.applications.upcomingInterviews.fetch({ limit: 500 });
      if (!upcoming.length) {
        toast({ tone: 'info', title: 'No interviews ahead', description: 'Set a next interview on an application, then export again.' });
        return;
      }
      saveFile({ ...(await interviewsCalendarFile(upcoming, window.location.origin, new Date())), contentType: 'text/calendar; charset=utf-8', encoding: 'utf8' });
      toast({ tone: 'success', title: `${upcoming.length} interview${upcoming.length === 1 ? '' : 's'} in the calendar file`, description: 'Import it into Google Calendar, Outlook or Apple Calendar.' });
    } catch (error) {
      toast({ tone: 'error', title: 'Could not make the calendar file', description: error instanceof Error ? error.message : undefined });
    } finally {
      setCalendarBusy(false);
    }
  };
  const run = (action: () => void) => {
    setOpen(false);
    action();
  };
  return (
    <>
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <Button variant="secondary" loading={pdf.isPending || backup.isPending || calendarBusy}>
            <Download aria-hidden="true" />
            Export
            <ChevronDown aria-hidden="true" />
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label="Export and backup" className="w-64 p-1.5">
          <p className="px-2 pt-1 pb-1.5 text-xs text-muted-foreground">With the current search and filters</p>
          <button type="button" className={menuItem} onClick={() => run(() => setDialog('csv'))}>
            <FileSpreadsheet aria-hidden="true" />
            CSV or Excel…
          </button>
          <button type="button" className={menuItem} onClick={() => run(() => clickLink(exportUrl(kind, 'json', undefined, filters)))}>
            <FileJson aria-hidden="true" />
            JSON
          </button>
          <button type="button" className={menuItem} onClick={() => run(() => pdf.mutate({ kind, format: 'pdf', filters }))}>
            <FileText aria-hidden="true" />
            PDF report
          </button>
          {kind === 'applications' ? (
            <button type="button" className={menuItem} onClick={() => run(() => void interviews())}>
              <CalendarPlus aria-hidden="true" />
              Upcoming interviews (.ics)
            </button>
          ) : null}
          <div role="separator" className="my-1 h-px bg-border" />
          <button type="button" className={menuItem} onClick={() => run(() => backup.mutate())}>
            <Archive aria-hidden="true" />
            Full backup (ZIP)
          </button>
          <button type="button" className={menuItem} onClick={() => run(() => setDialog('restore'))}>
            <Upload aria-hidden="true" />
            Restore from backup…
          </button>
        </PopoverContent>
      </Popover>
      <CsvExportDialog kind={kind} filters={filters} total={total} open={dialog === 'csv'} onOpenChange={(o) => !o && setDialog(null)} />
      <RestoreDialog open={dialog === 'restore'} onOpenChange={(o) => !o && setDialog(null)} />
    </>
  );
}

function CsvExportDialog({ kind, filters, total, open, onOpenChange }: { kind: Kind; filters: object; total?: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const tooManyForExcel = total !== undefined && total > excelExportMaxRows;
  const all: readonly string[] = kind === 'jobs' ? jobExportFields : applicationExportFields;
  const [chosen, setChosen] = useState<string[]>(() => all.filter((f) => f !== 'id' && f !== 'jobId'));
  const fields = all.filter((f) => chosen.includes(f));
  // CSV streams as the server reads it: a plain download. A workbook is built whole first (seconds for
  // thousands of rows), so the page fetches it: it says so meanwhile, Cancel stops the build, and a
  // refusal shows here in the API's words.
  const [excelBuild, setExcelBuild] = useState<AbortController | null>(null);
  const [excelError, setExcelError] = useState<string | null>(null);
  const close = () => {
    excelBuild?.abort();
    setExcelError(null);
    onOpenChange(false);
  };
  const downloadCsv = () => {
    clickLink(exportUrl(kind, 'csv', fields, filters));
    close();
  };
  const downloadExcel = async () => {
    const build = new AbortController();
    setExcelBuild(build);
    setExcelError(null);
    try {
      const { blob, filename } = await fetchDownload(exportUrl(kind, 'xlsx', fields, filters), build.signal);
      saveBlob(blob, filename);
      setExcelBuild(null);
      close();
    } catch (error) {
      setExcelBuild(null);
      if (!build.signal.aborted) setExcelError(error instanceof Error ? error.message : 'The workbook could not be downloaded. Try again.');
    }
  };
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Export {kind} as CSV or Excel</DialogTitle>
          <DialogDescription>
            The rows match the current search and filters. Choose the columns to include. The Excel workbook has dates and salaries as values Excel can sort and filter; a cell there holds at most 32,767
            characters, so a longer description is cut (CSV keeps it whole).
          </DialogDescription>
        </DialogHeader>
        <fieldset className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          <legend className="sr-only">Columns</legend>
          {all.map((field) => {
            const id = `export-${field}`;
            return (
              <div key={field} className="flex items-center gap-2">
                <Checkbox
                  id={id}
                  checked={chosen.includes(field)}
                  onCheckedChange={(on) => setChosen((list) => (on === true ? [...list, field] : list.filter((f) => f !== field)))}
                />
                <label htmlFor={id} className="text-sm">
                  {fieldLabels[field] ?? field}
                </label>
              </div>
            );
          })}
        </fieldset>
        <div className="flex gap-3 text-sm">
          <Button variant="link" size="sm" onClick={() => setChosen([...all])}>
            All
          </Button>
          <Button variant="link" size="sm" onClick={() => setChosen([])}>
            None
          </Button>
        </div>
        {tooManyForExcel ? (
          <p id="excel-row-limit" className="text-sm text-muted-foreground">
            An Excel export holds up to {excelExportMaxRows.toLocaleString()} rows and these filters match {total.toLocaleString()}. Narrow them, or download CSV, which has no limit.
          </p>
        ) : null}
        {excelBuild ? (
          <p role="status" className="text-sm text-muted-foreground">
            Building the Excel workbook{total !== undefined ? ` of ${total.toLocaleString()} ${total === 1 ? 'row' : 'rows'}` : ''}… Thousands of rows take a few seconds. Cancel stops it.
          </p>
        ) : null}
        <ErrorAlert message={excelError} title="The Excel workbook was not made" />
        <DialogFooter>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            variant="secondary"
            onClick={() => void downloadExcel()}
            disabled={!chosen.length || tooManyForExcel}
            loading={excelBuild !== null}
            aria-describedby={tooManyForExcel ? 'excel-row-limit' : undefined}
          >
            {excelBuild ? null : <FileSpreadsheet aria-hidden="true" />}
            Download Excel
          </Button>
          <Button onClick={downloadCsv} disabled={!chosen.length || excelBuild !== null}>
            <Download aria-hidden="true" />
            Download CSV
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/**
 * What a restore did, in words: what it added, and — adding to what the person has — what the
 * backup held that was already here and was left out (restoring the same backup twice adds nothing).
 */
function restoreToast(result: { restored: Parameters<typeof restoreSummary>[0]; leftOut: { jobs: number; applications: number } }): string {
  const { jobs, applications } = result.leftOut;
  if (!jobs && !applications) return restoreSummary(result.restored);
  if (!Object.values(result.restored).some((n) => n > 0)) return 'Nothing to add: every job and application in this backup is already here.';
  const leftOut = [jobs ? plural(jobs, 'job') : null, applications ? plural(applications, 'application') : null].filter(Boolean).join(' and ');
  const verb = jobs + applications === 1 ? 'was' : 'were';
  return `${restoreSummary(result.restored).replace(/\.$/, '')}; ${leftOut} ${verb} already here and ${verb} left out.`;
}

function RestoreDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'replace' | 'merge'>('merge');
  // Replacing deletes what the person has: asked once more, with how much that is (as bulk delete asks).
  const [confirmingReplace, setConfirmingReplace] = useState(false);
  const jobCount = trpc.tracker.jobs.list.useQuery({ limit: 1 }, { enabled: open && mode === 'replace' });
  const applicationCount = trpc.tracker.applications.list.useQuery({ limit: 1 }, { enabled: open && mode === 'replace' });
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const restore = trpc.tracker.transfer.restore.useMutation({
    onSuccess: (result) => {
      void utils.tracker.invalidate();
      toast({ tone: 'success', title: 'Backup restored', description: restoreToast(result) });
      setConfirmingReplace(false);
      onOpenChange(false);
    },
  });
  const runRestore = () => void (file && fileToBase64(file).then((base64) => restore.mutate({ base64, mode })));
  const count = (n: number | undefined, noun: string) => (n === undefined ? `${noun}s` : `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setFile(null);
          restore.reset();
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Restore from a backup</DialogTitle>
          <DialogDescription>Choose a Tessera tracker backup (.zip). Everything in it is restored in one step, or nothing is.</DialogDescription>
        </DialogHeader>
        <FileDropZone
          label="Backup file"
          title={file ? file.name : 'Choose a backup file'}
          hint={file ? 'Choose or drop another file to change it' : 'or drop it here · a .zip backup'}
          accept=".zip,application/zip"
          onFile={(chosen) => setFile(chosen ?? null)}
          className="py-6"
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">How</legend>
          {(
            [
              { value: 'merge', label: 'Add to what I have', help: 'The backup’s jobs and applications are added beside your current ones; those already here are left out.' },
              { value: 'replace', label: 'Replace everything', help: 'Your current jobs, applications and skills are deleted first.' },
            ] as const
          ).map((option) => (
            <label key={option.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="restore-mode" value={option.value} checked={mode === option.value} onChange={() => setMode(option.value)} className="mt-1 accent-primary" />
              <span>
                <span className="font-medium">{option.label}</span>
                <span className="block text-xs text-muted-foreground">{option.help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === 'replace' ? <Alert tone="warning">Replacing deletes your current tracker data. Download a backup first if you may want it back.</Alert> : null}
        {restore.error ? <ErrorAlert error={restore.error} /> : null}
        <DialogFooter>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button
            variant={mode === 'replace' ? 'danger' : 'primary'}
            disabled={!file}
            loading={restore.isPending && !confirmingReplace}
            onClick={() => (mode === 'replace' ? setConfirmingReplace(true) : runRestore())}
          >
            Restore
          </Button>
        </DialogFooter>
      </DialogContent>
      <ConfirmDialog
        open={confirmingReplace}
        onOpenChange={setConfirmingReplace}
        tone="danger"
        title="Replace your tracker data?"
        description={`Your ${count(jobCount.data?.total, 'job')} and ${count(applicationCount.data?.total, 'application')}, with their history and your skills, are deleted, then the backup is restored. This cannot be undone.`}
        confirmLabel="Replace everything"
        loading={restore.isPending}
        error={restore.error?.message}
        onConfirm={runRestore}
      />
    </Dialog>
  );
}
