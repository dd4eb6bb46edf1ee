import { maskIdNumber, maskPersonName, publicHolderName } from './masking';

describe('masking personal data', () => {
  it('keeps the family name and hides the given name', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('王')).toBe('*');
  });

  it('keeps the region code and the last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('shows a company name in full but masks a person', () => {
    expect(publicHolderName({ kind: 'LEGAL_PERSON', name: '武汉某某科技有限公司' })).toBe(
      '武汉某某科技有限公司',
    );
    expect(publicHolderName({ kind: 'NATURAL_PERSON', name: '张三' })).toBe('张*');
  });
});
