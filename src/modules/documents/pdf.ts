import PDFDocument from 'pdfkit';

/** A small writer over pdfkit (DECISIONS 16: PDFs are made in-process) shared by guides and decision briefs. */
export interface PdfWriter {
  h1(text: string): void;
  h2(text: string): void;
  body(text: string): void;
  bold(text: string): void;
  bullets(items: string[]): void;
  page(): void;
}

export function renderPdf(title: string, write: (w: PdfWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 56, right: 56 }, info: { Title: title, Creator: 'Rubric' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w: PdfWriter = {
    h1: (t) => void doc.font('Helvetica-Bold').fontSize(18).text(t).moveDown(0.5),
    h2: (t) => void doc.font('Helvetica-Bold').fontSize(13).text(t).moveDown(0.3),
    body: (t) => void doc.font('Helvetica').fontSize(10).text(t).moveDown(0.3),
    bold: (t) => void doc.font('Helvetica-Bold').fontSize(10).text(t).moveDown(0.2),
    bullets: (xs) => xs.forEach((x) => w.body(`•  ${x}`)),
    page: () => void doc.addPage(),
  };
  write(w);
  doc.end();
  return done;
}
