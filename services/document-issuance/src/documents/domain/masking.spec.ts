import { maskAddress, publicHolderName } from './masking';

describe('the holder name the public verification shows', () => {
  it('shows a company name in full but masks a person', () => {
    expect(publicHolderName({ kind: 'LEGAL_PERSON', name: '武汉某某科技有限公司' })).toBe('武汉某某科技有限公司');
    expect(publicHolderName({ kind: 'NATURAL_PERSON', name: '张三' })).toBe('张*');
    expect(publicHolderName({ kind: 'NATURAL_PERSON', name: ' 欧阳娜娜 ' })).toBe('欧***');
  });
});

describe('the delivery address clerks see', () => {
  it('shows the province and city, never the street', () => {
    expect(maskAddress('湖北省武汉市江岸区解放大道1号')).toBe('湖北省武汉市****');
    expect(maskAddress('武汉市江岸区')).toBe('武汉****');
  });
});
