import * as fontkit from 'fontkit';
import { fontData, fontRuns, PRIMARY_FONT_FILE } from './cjk-font';

describe('the CJK font a document is printed in', () => {
  it('draws common Chinese, digits and Latin letters from the chinese-simplified file', () => {
    const text = '食品经营许可（电子证照）湖北省市场监督管理局 HB-SCJGJ-2026-000042：张三';
    expect(fontRuns(text)).toEqual([{ file: PRIMARY_FONT_FILE, text }]);
  });

  it('falls back to the subset file that holds a rarer character of a name, which really has its glyph', () => {
    const runs = fontRuns('张龑');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual({ file: PRIMARY_FONT_FILE, text: '张' });
    expect(runs[1].file).not.toBe(PRIMARY_FONT_FILE);
    expect(fontkit.create(fontData(runs[1].file)).hasGlyphForCodePoint('龑'.codePointAt(0)!)).toBe(true);
  });
});
