import { Button } from '@tessera/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from '@tessera/ui/dropdown-menu';
import { useToast } from '@tessera/ui/toast';
import type { characterExportFormats } from '@tessera/validation/characters';
import { Braces, ChevronDown, Download, FileText, Printer, UserSquare } from 'lucide-react';
import { useState } from 'react';
import { trpc } from '../../lib/trpc';
import { saveFile } from './download';
import { describeError } from './errors';

type ExportFormat = (typeof characterExportFormats)[number];

const formats: { format: ExportFormat; label: string; hint: string; icon: typeof Braces }[] = [
  { format: 'json', label: 'JSON', hint: 'Everything, for tools and backups', icon: Braces },
  { format: 'markdown', label: 'Markdown', hint: 'For notes and wikis', icon: FileText },
  { format: 'pdf', label: 'Printable PDF sheet', hint: 'For the table', icon: Printer },
  { format: 'card-v2', label: 'Character Card V2', hint: 'For chat front-ends', icon: UserSquare },
];

/** Export formats in a menu; the chosen file downloads at once. */
export function ExportMenu({ characterId }: { characterId: string }) {
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const [pending, setPending] = useState<ExportFormat | null>(null);

  const download = async (format: ExportFormat) => {
    setPending(format);
    try {
      const file = await utils.client.characters.export.query({ id: characterId, format });
      saveFile(file);
      toast({ title: `Downloaded ${file.filename}`, tone: 'success' });
    } catch (error) {
      const described = describeError(error, 'Export');
      toast({
        title: described.title,
        description: described.requestId ? `${described.message} (request id ${described.requestId})` : described.message,
        tone: 'error',
      });
    } finally {
      setPending(null);
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary" loading={pending !== null}>
          <Download aria-hidden="true" />
          Export
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent aria-label="Export formats">
        <DropdownMenuLabel>Download as</DropdownMenuLabel>
        {formats.map(({ format, label, hint, icon: Icon }) => (
          <DropdownMenuItem key={format} onSelect={() => void download(format)}>
            <Icon aria-hidden="true" />
            <span className="flex flex-col">
              <span className="text-foreground">{label}</span>
              <span className="text-xs text-muted-foreground">{hint}</span>
            </span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
