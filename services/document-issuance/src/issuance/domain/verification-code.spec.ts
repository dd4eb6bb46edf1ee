import {
  generateVerificationCode,
  normaliseVerificationCode,
  VERIFICATION_ALPHABET,
} from './verification-code';

describe('verification codes', () => {
  it('draws the requested length from the unambiguous alphabet only', () => {
    const code = generateVerificationCode(12);
    expect(code).toHaveLength(12);
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]+$/);
    expect(code).not.toMatch(/[01ILO]/);
  });

  it('does not repeat itself over many draws', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateVerificationCode(10)));
    expect(codes.size).toBe(2000);
  });

  it('skips random bytes that would bias the draw', () => {
    // 255 is above the rejection limit (248), 0 maps to '2', 30 to 'Z'
    const bytes = Buffer.from([255, 0, 30, 0, 30, 0, 30, 0, 30, 0, 30, 0, 30, 0, 30, 0, 30, 0, 30, 0, 30, 0]);
    expect(generateVerificationCode(10, () => bytes)).toBe('2Z2Z2Z2Z2Z');
    expect(VERIFICATION_ALPHABET).toHaveLength(31);
  });

  it('refuses codes shorter than ten characters', () => {
    expect(() => generateVerificationCode(8)).toThrow(RangeError);
  });

  it('accepts what people type: lower case and group separators', () => {
    expect(normaliseVerificationCode('abcd-efgh 2345')).toBe('ABCDEFGH2345');
  });
});
