import { judge } from './verdict';

describe('the verdict of a public verification', () => {
  const sound = { status: 'HANDED_OVER' as const, validUntil: '2031-11-26', recordSignatureValid: true };

  it('is valid through the last day, expired the day after', () => {
    expect(judge(sound, '2031-11-26').verdict).toBe('VALID');
    expect(judge(sound, '2031-11-27')).toEqual({
      verdict: 'EXPIRED',
      reason: 'Expired: valid until 2031-11-26.',
    });
  });

  it('says revoked with the reason, even before expiry', () => {
    const revoked = {
      ...sound,
      status: 'REVOKED' as const,
      revocation: { reason: '以欺骗手段取得许可', revokedAt: new Date('2027-03-01T02:00:00Z') },
    };
    expect(judge(revoked, '2027-03-02')).toEqual({
      verdict: 'REVOKED',
      reason: 'Revoked (撤销) on 2027-03-01: 以欺骗手段取得许可',
    });
  });

  it('calls forged what fails a signature, before anything else', () => {
    expect(judge({ ...sound, status: 'REVOKED', recordSignatureValid: false }, '2030-01-01').verdict).toBe(
      'FORGED',
    );
    expect(judge({ ...sound, presentedSignatureValid: false }, '2030-01-01')).toEqual({
      verdict: 'FORGED',
      reason: 'The signature in the QR code does not match the document issued under this code.',
    });
    expect(judge({ ...sound, presentedSignatureValid: true }, '2030-01-01').verdict).toBe('VALID');
  });
});
