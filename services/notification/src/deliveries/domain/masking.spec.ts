import { maskEmail, maskPhone, maskUrl, redactContactData } from './masking';

describe('masking recipients', () => {
  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskEmail('zhangsan@example.org')).toBe('z***@example.org');
    expect(maskEmail('not-an-address')).toBe('***');
  });

  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskPhone('+86 138-0000-0000')).toBe('138****0000');
    expect(maskPhone('027-88886666')).toBe('*********66');
  });

  it('drops credentials and query of a webhook URL', () => {
    expect(maskUrl('https://user:pw@portal.example.org/hooks?token=abc')).toBe(
      'https://portal.example.org/hooks',
    );
  });

  it('masks addresses and mobile numbers quoted in an error text', () => {
    expect(
      redactContactData('550 5.1.1 <zhangsan@example.org>: user unknown; sms to 13812345678 failed'),
    ).toBe('550 5.1.1 <z***@example.org>: user unknown; sms to 138****5678 failed');
  });
});
