import * as fc from 'fast-check';
import { checkCitizenId, checkUscc, citizenIdCheckChar, maskIdNumber, maskName, usccCheckChar } from '@onewindow/domain';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('citizen ID (GB 11643)', () => {
  it('accepts the example from the standard and refuses it with any other check character', () => {
    expect(checkCitizenId('11010519491231002X')).toBeNull();
    expect(checkCitizenId('110105194912310021')).toBe('check-character');
  });

  it('refuses impossible birth dates and malformed input', () => {
    expect(checkCitizenId('110105194902300021')).toBe('birth-date');
    expect(checkCitizenId('11010519491231002x')).toBe('format');
    expect(checkCitizenId('1101051949123100')).toBe('format');
  });

  it('detects every single-digit substitution (property)', () => {
    const body = fc.tuple(
      fc.integer({ min: 110000, max: 659999 }),
      fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 999 }),
    ).map(([region, birth, seq]) => `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);
    fc.assert(
      fc.property(body, fc.integer({ min: 6, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, pos, delta) => {
        const id = first17 + citizenIdCheckChar(first17);
        expect(checkCitizenId(id)).toBeNull();
        const changed = first17.slice(0, pos) + String((Number(first17[pos]) + delta) % 10) + first17.slice(pos + 1);
        const forged = changed + id[17];
        // A changed birth date may become impossible; either way the forged number is refused.
        expect(checkCitizenId(forged)).not.toBeNull();
      }),
    );
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts a published code and refuses a wrong check character or a forbidden letter', () => {
    expect(checkUscc('91350100M000100Y43')).toBeNull();
    expect(checkUscc('91350100M000100Y42')).toBe('check-character');
    expect(checkUscc('91350100M000100YI3')).toBe('format');
  });

  it('computes a check character that validates, and any substitution breaks it (property)', () => {
    const char = fc.constantFrom(...USCC_ALPHABET);
    const first17 = fc
      .tuple(fc.constantFrom('1', '5', '9'), fc.constantFrom('1', '2', '3'), fc.integer({ min: 110000, max: 659999 }), fc.array(char, { minLength: 9, maxLength: 9 }))
      .map(([a, b, region, org]) => `${a}${b}${region}${org.join('')}`);
    fc.assert(
      fc.property(first17, fc.integer({ min: 8, max: 16 }), fc.integer({ min: 1, max: 30 }), (body, pos, shift) => {
        const code = body + usccCheckChar(body);
        expect(checkUscc(code)).toBeNull();
        const swapped = USCC_ALPHABET[(USCC_ALPHABET.indexOf(body[pos]) + shift) % 31];
        expect(checkUscc(body.slice(0, pos) + swapped + body.slice(pos + 1) + code[17])).not.toBeNull();
      }),
    );
  });
});

describe('masking', () => {
  it('keeps the family name and the ends of an id number only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('short')).toBe('*****');
  });
});
