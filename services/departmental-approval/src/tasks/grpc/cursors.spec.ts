import { decodePageToken, decodeQueueCursor, encodePageToken, encodeQueueCursor } from './cursors';

describe('opaque cursors', () => {
  it('round-trips a queue cursor, and refuses what it did not issue', () => {
    expect(decodeQueueCursor(encodeQueueCursor('12345'))).toBe('12345');
    expect(decodeQueueCursor('')).toBeNull();
    expect(() => decodeQueueCursor('12345')).toThrow(/after_cursor/);
    expect(() => decodeQueueCursor(Buffer.from('qe1.-1').toString('base64url'))).toThrow(/after_cursor/);
  });

  it('round-trips a page token for the same filters only', () => {
    const pos = {
      promisedDeadline: '2025-03-10',
      assignedAt: new Date('2025-03-03T02:00:00.123Z'),
      id: '01JNB2W3X4Y5Z6A7B8C9D0E1F2',
    };
    const token = encodePageToken(pos, ['OPEN', '', '']);
    expect(decodePageToken(token, ['OPEN', '', ''])).toEqual(pos);
    expect(decodePageToken('', ['OPEN', '', ''])).toBeNull();
    expect(() => decodePageToken(token, ['PENDING', '', ''])).toThrow(/page_token/);
    expect(() => decodePageToken('garbage!', ['OPEN', '', ''])).toThrow(/page_token/);
  });
});
