/** The content types a material file may have: scans, PDFs, photos. */
export const MATERIAL_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MaterialContentType = (typeof MATERIAL_CONTENT_TYPES)[number];

const SIGNATURES: Array<{ type: MaterialContentType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The real content type by magic bytes, whatever the uploader claimed; undefined when it is none we take. */
export function sniffContentType(head: Uint8Array): MaterialContentType | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b))?.type;
}
