// pdf-parse 1.x ships no types; its lib entry is required directly (the package index runs a debug read under jest).
declare module 'pdf-parse/lib/pdf-parse.js' {
  export default function pdfParse(data: Buffer): Promise<{ text: string; numpages: number }>;
}
