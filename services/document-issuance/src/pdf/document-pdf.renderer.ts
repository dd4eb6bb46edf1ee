import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import type { ResultDocument } from '../documents/domain/result-document';
import { chinaDate, formatDate } from '../issuance/domain/china-calendar';
import { verificationUrl } from '../verification/domain/qr-payload';
import { fontData, fontRuns } from '@onewindow/pdf';

const KIND_LABEL: Record<ResultDocument['kind'], string> = {
  LICENCE: '电子证照',
  APPROVAL: '准予行政许可决定书',
  FILING: '备案回执',
  REFUSAL_NOTICE: '不予行政许可决定书',
};

/** Groups of four, as printed: K7QM-3XHP-9RTA. */
const grouped = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

/**
 * The printable result (A4): Chinese text in the embedded Noto Sans SC (subset into the PDF, so it
 * stays small), the QR code with the verification URL and signature, and the signature in text for
 * offline checks.
 */
export async function renderDocumentPdf(doc: ResultDocument, verificationBase: string): Promise<Buffer> {
  const url = verificationUrl(verificationBase, doc.verificationCode, doc.signature);
  const qr = await qrPng(url, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: doc.title, Author: doc.departmentName, Subject: doc.documentNo },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  const registered = new Set<string>();
  const write = (text: string, size: number, options: PDFKit.Mixins.TextOptions = {}): void => {
    const runs = fontRuns(text);
    for (const run of runs) {
      if (!registered.has(run.file)) pdf.registerFont(run.file, fontData(run.file));
      registered.add(run.file);
    }
    pdf.fontSize(size);
    runs.forEach((run, i) =>
      pdf.font(run.file).text(run.text, { ...options, continued: i < runs.length - 1 }),
    );
  };
  const field = (label: string, value: string): void => {
    write(`${label}：${value}`, 12, { lineGap: 6 });
  };

  pdf.image(qr, 595 - 56 - 110, 40, { width: 110 });
  pdf.moveDown(4);
  write(doc.title, 20, { align: 'center' });
  write(KIND_LABEL[doc.kind], 11, { align: 'center' });
  pdf.moveDown(1.5);
  field('文书编号', doc.documentNo);
  field('持证人', doc.holder.name);
  field(doc.holder.kind === 'LEGAL_PERSON' ? '统一社会信用代码' : '身份证件号码', doc.holder.idNumber);
  field('办件编号', doc.caseNo);
  field('事项编码', doc.matterCode);
  field('发证机关', doc.departmentName);
  field('发证日期', formatDate(chinaDate(doc.issuedAt)));
  field('有效期至', doc.validUntil ?? (doc.kind === 'REFUSAL_NOTICE' ? '—' : '长期有效'));
  if (doc.reasons.length) {
    pdf.moveDown(0.5);
    write('不予许可理由：', 12, { lineGap: 6 });
    doc.reasons.forEach((r, i) => write(`${i + 1}. ${r}`, 12, { indent: 24, lineGap: 4 }));
  }
  if (doc.revocation) {
    pdf.moveDown(0.5);
    write(`本文书已于${formatDate(chinaDate(doc.revocation.revokedAt))}撤销：${doc.revocation.reason}`, 13, {
      lineGap: 6,
    });
  }
  pdf.moveDown(1.5);
  field('验证码', grouped(doc.verificationCode));
  write(
    `扫描右上角二维码或访问 ${verificationBase.replace(/\/+$/, '')}/${doc.verificationCode} 核验真伪`,
    10,
    { lineGap: 4 },
  );
  if (doc.signature) {
    pdf.moveDown(0.5);
    write(`电子签名（${doc.signature.algorithm}） 密钥标识：${doc.signature.kid}`, 9, { lineGap: 2 });
    write(`签名值：${doc.signature.value}`, 8, { lineGap: 2 });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
