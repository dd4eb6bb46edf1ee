import { publicHolderName } from './masking';

describe('the holder name the public verification shows', () => {
  it('shows a company name in full but masks a person', () => {
    expect(publicHolderName({ kind: 'LEGAL_PERSON', name: '武汉某某科技有限公司' })).toBe('武汉某某科技有限公司');
    expect(publicHolderName({ kind: 'NATURAL_PERSON', name: '张三' })).toBe('张*');
    expect(publicHolderName({ kind: 'NATURAL_PERSON', name: ' 欧阳娜娜 ' })).toBe('欧***');
  });
});
