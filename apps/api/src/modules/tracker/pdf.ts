import PDFDocument from 'pdfkit';

export interface ReportData {
  title: string;
  generatedAt: Date;
  figures: { label: string; value: string }[];
  funnel: { stage: string; reached: number }[];
  trend: { periodStart: string; count: number }[];
  trendLabel: string;
  table: { headers: string[]; rows: string[][]; note?: string };
}

const ink = '#1f2937';
const muted = '#6b7280';
const accent = '#2563eb';

/** A PDF report drawn with pdfkit's vector primitives (no chart images, so it stays crisp and small). */
export function renderReport(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: data.title, Producer: 'Tessera' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.fillColor(ink).fontSize(20).text(data.title);
  doc.fillColor(muted).fontSize(9).text(`Generated ${data.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  doc.moveDown();

  // Summary figures in a row of boxes.
  const boxWidth = width / Math.max(1, data.figures.length);
  const top = doc.y;
  data.figures.forEach((figure, i) => {
    const x = left + i * boxWidth;
    doc.roundedRect(x + 2, top, boxWidth - 4, 46, 4).strokeColor('#d1d5db').stroke();
    doc.fillColor(ink).fontSize(15).text(figure.value, x + 8, top + 8, { width: boxWidth - 16 });
    doc.fillColor(muted).fontSize(8).text(figure.label, x + 8, top + 30, { width: boxWidth - 16 });
  });
  doc.x = left;
  doc.y = top + 60;

  // Funnel: one horizontal bar per stage, widths relative to the first stage.
  doc.fillColor(ink).fontSize(13).text('Status funnel', left);
  const maxReached = Math.max(1, ...data.funnel.map((s) => s.reached));
  let y = doc.y + 6;
  for (const stage of data.funnel) {
    const barWidth = Math.max(1, ((width - 160) * stage.reached) / maxReached);
    doc.fillColor(muted).fontSize(9).text(stage.stage, left, y + 3, { width: 90 });
    doc.rect(left + 95, y, barWidth, 14).fillColor(accent).fill();
    doc.fillColor(ink).fontSize(9).text(String(stage.reached), left + 100 + barWidth, y + 3);
    y += 20;
  }
  doc.x = left;
  doc.y = y + 10;

  // Trend: a line chart with a baseline and the first/last period labels.
  doc.fillColor(ink).fontSize(13).text(data.trendLabel, left);
  const chartTop = doc.y + 8;
  const chartHeight = 110;
  const maxCount = Math.max(1, ...data.trend.map((p) => p.count));
  doc.moveTo(left, chartTop + chartHeight).lineTo(left + width, chartTop + chartHeight).strokeColor('#9ca3af').lineWidth(0.5).stroke();
  doc.moveTo(left, chartTop).lineTo(left, chartTop + chartHeight).stroke();
  const step = data.trend.length > 1 ? width / (data.trend.length - 1) : 0;
  data.trend.forEach((point, i) => {
    const x = left + i * step;
    const py = chartTop + chartHeight - (point.count / maxCount) * (chartHeight - 10);
    if (i === 0) doc.moveTo(x, py);
    else doc.lineTo(x, py);
  });
  if (data.trend.length) doc.strokeColor(accent).lineWidth(1.5).stroke();
  data.trend.forEach((point, i) => {
    doc.circle(left + i * step, chartTop + chartHeight - (point.count / maxCount) * (chartHeight - 10), 2).fillColor(accent).fill();
  });
  doc.fillColor(muted).fontSize(8);
  doc.text(`max ${maxCount}`, left + 4, chartTop - 2);
  if (data.trend.length) {
    doc.text(data.trend[0]!.periodStart, left, chartTop + chartHeight + 4);
    doc.text(data.trend.at(-1)!.periodStart, left + width - 60, chartTop + chartHeight + 4, { width: 60, align: 'right' });
  }
  doc.x = left;
  doc.y = chartTop + chartHeight + 24;

  // The table of applications, paging as needed.
  doc.fillColor(ink).fontSize(13).text('Applications', left);
  if (data.table.note) doc.fillColor(muted).fontSize(8).text(data.table.note, left);
  const columnWidth = width / data.table.headers.length;
  const rowHeight = 14;
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const rowY = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor(ink);
    cells.forEach((cell, i) => doc.text(cell, left + i * columnWidth, rowY + 3, { width: columnWidth - 4, height: rowHeight, ellipsis: true, lineBreak: false }));
    doc.moveTo(left, rowY + rowHeight).lineTo(left + width, rowY + rowHeight).strokeColor('#e5e7eb').lineWidth(0.5).stroke();
    doc.x = left;
    doc.y = rowY + rowHeight;
  };
  doc.y += 4;
  drawRow(data.table.headers, true);
  for (const row of data.table.rows) drawRow(row, false);
  doc.end();
  return done;
}
