/** Printable documents in Chinese: the embedded CJK font and a plain A4 report layout. */
export { fontData, fontFileFor, fontRuns, PRIMARY_FONT_FILE } from './cjk-font';
export { renderReportPdf, type ReportContent, type ReportTable } from './report-pdf';
