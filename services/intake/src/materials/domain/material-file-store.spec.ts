import { createHash } from 'node:crypto';
import { MaterialFileIntegrityError, type MaterialFileMeta, objectKeyOf, s3ChecksumOf, sha256Hex, verifyContent } from './material-file-store';

const content = Buffer.from('%PDF-1.7\nsome scan');
const meta: MaterialFileMeta = {
  id: '01JDZ3Q4X6S8K7Y2V9T5R3M1N2',
  caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
  materialCode: 'M-BL',
  fileName: 'bl.pdf',
  contentType: 'application/pdf',
  sizeBytes: content.length,
  sha256: sha256Hex(content),
  uploadedAt: new Date('2026-11-27T02:00:00Z'),
};

describe('material file storage rules', () => {
  it('keys objects by case, then file', () => {
    expect(objectKeyOf(meta.caseId, meta.id)).toBe('cases/01JDZ3Q4X6S8K7Y2V9T5R3M1N0/01JDZ3Q4X6S8K7Y2V9T5R3M1N2');
  });

  it("gives S3's checksum header the base64 of the same digest that is kept in hex", () => {
    expect(s3ChecksumOf(meta.sha256)).toBe(createHash('sha256').update(content).digest('base64'));
  });

  it('accepts the uploaded content and refuses anything else', () => {
    expect(() => verifyContent(meta, content)).not.toThrow();
    const flipped = Buffer.from(content);
    flipped[3] ^= 1;
    expect(() => verifyContent(meta, flipped)).toThrow(MaterialFileIntegrityError);
    expect(() => verifyContent(meta, Buffer.concat([content, Buffer.from([0])]))).toThrow(/size/);
  });
});
