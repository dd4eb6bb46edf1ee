import { defineTemplate, placeholdersOf, render, TemplateError } from './template';

describe('message templates', () => {
  const t = defineTemplate('greeting', '【通知】{{caseNo}}', '{{name}}，您好：办件 {{caseNo}} 已受理。');

  it('fills every placeholder, as often as it appears', () => {
    expect(render(t, { caseNo: 'A-1', name: '张三' })).toEqual({
      subject: '【通知】A-1',
      text: '张三，您好：办件 A-1 已受理。',
    });
    expect(placeholdersOf(t).sort()).toEqual(['caseNo', 'name']);
  });

  it('refuses a blank value instead of sending a message with a hole', () => {
    expect(() => render(t, { caseNo: 'A-1', name: '  ' })).toThrow(TemplateError);
  });

  it('refuses a missing or misspelt variable', () => {
    // @ts-expect-error the compiler already refuses the missing `name`
    expect(() => render(t, { caseNo: 'A-1' })).toThrow(/name is missing/);
    // @ts-expect-error and the misspelt `nmae`
    expect(() => render(t, { caseNo: 'A-1', name: '张三', nmae: 'x' })).toThrow(/unknown variable\(s\) nmae/);
  });
});
