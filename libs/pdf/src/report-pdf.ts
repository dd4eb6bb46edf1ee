import PDFDocument from 'pdfkit';
import { fontData, fontRuns } from './cjk-font';

export interface ReportTable {
  title: string;
  columns: Array<{ header: string; width: number; align?: 'left' | 'right' }>;
  rows: string[][];
}

export interface ReportContent {
  title: string;
  subtitle: string;
  summary: string[];
  tables: ReportTable[];
  footer: string;
}

/**
 * A report as an A4 PDF with Noto Sans SC embedded (subset): centred title and subtitle, paragraphs,
 * then titled tables that break across pages. Bulletins, weekly reports, receipts and notices use it.
 */
export async function renderReportPdf(b: ReportContent): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 48, info: { Title: b.title, Subject: b.subtitle } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  const registered = new Set<string>();
  const write = (text: string, size: number, options: PDFKit.Mixins.TextOptions = {}, x?: number, y?: number): void => {
    const runs = fontRuns(text || ' ');
    for (const run of runs) {
      if (!registered.has(run.file)) pdf.registerFont(run.file, fontData(run.file));
      registered.add(run.file);
    }
    pdf.fontSize(size);
    runs.forEach((run, i) => {
      const opts = { ...options, continued: i < runs.length - 1 };
      if (i === 0 && x !== undefined && y !== undefined) pdf.font(run.file).text(run.text, x, y, opts);
      else pdf.font(run.file).text(run.text, opts);
    });
  };

  write(b.title, 18, { align: 'center' });
  write(b.subtitle, 11, { align: 'center' });
  pdf.moveDown(1);
  for (const line of b.summary) write(line, 11, { lineGap: 4 });

  const left = 48;
  const bottom = 842 - 60;
  for (const t of b.tables) {
    pdf.moveDown(1);
    if (pdf.y > bottom - 80) pdf.addPage();
    write(t.title, 13, {}, left, pdf.y);
    pdf.moveDown(0.4);
    const rowHeight = 16;
    const drawRow = (cells: string[], size: number) => {
      if (pdf.y + rowHeight > bottom) pdf.addPage();
      const y = pdf.y;
      let x = left;
      t.columns.forEach((col, i) => {
        write(cells[i] ?? '', size, { width: col.width - 4, align: col.align ?? 'left', lineBreak: false, ellipsis: true }, x, y);
        x += col.width;
      });
      pdf.y = y + rowHeight;
      pdf.x = left;
    };
    drawRow(t.columns.map((c) => c.header), 9.5);
    pdf
      .moveTo(left, pdf.y - 3)
      .lineTo(left + t.columns.reduce((s, c) => s + c.width, 0), pdf.y - 3)
      .lineWidth(0.5)
      .stroke();
    if (t.rows.length === 0) drawRow(['（无）'], 9);
    for (const r of t.rows) drawRow(r, 9);
  }
  pdf.moveDown(1.5);
  write(b.footer, 9, { align: 'right' }, left, pdf.y);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
