import { EVENT_CATALOG, EventTypes } from '@onewindow/contracts';
import { builtInTemplate } from '../built-in-templates';
import { computedVariableNames, MILESTONE_TYPES, milestoneContext, renderTemplate, templateVariables } from '../render-milestone';
import { TEMPLATE_LOCALES } from './locale';
import { checkTemplate, compileTemplate } from './template-check';
import { listVariables, variablesOfSchema } from './template-variables';

const accepted = templateVariables(EventTypes.CaseAccepted);
const supplement = templateVariables(EventTypes.CaseSupplementRequired);

describe('template variables from the event schema', () => {
  it('offers the event fields, nested objects, arrays of items and the computed values', () => {
    const names = listVariables(accepted);
    expect(names).toEqual(expect.arrayContaining(['caseNo', 'applicant.name', 'applicant.contact.email', 'materials', 'materials[].code', 'promisedDate', 'applicantName', 'acceptedDate']));
    expect(names).not.toContain('missing');
    expect(listVariables(variablesOfSchema(EVENT_CATALOG['case.not-accepted'].schema))).toEqual(
      expect.arrayContaining(['reason', 'legalBasis', 'caseNo']),
    );
  });
});

describe('checking a template at publish time', () => {
  it('accepts every built-in text, in both locales', () => {
    for (const type of MILESTONE_TYPES)
      for (const locale of TEMPLATE_LOCALES) {
        const t = builtInTemplate(type, locale);
        const vars = templateVariables(type);
        for (const text of [t.subject, t.body]) expect(checkTemplate(text, vars)).toEqual({ unknownVariables: [], unsupported: [] });
      }
  });

  it('lists every unknown variable, also in nested paths and parent scopes', () => {
    const c = checkTemplate('{{caseNo}} {{casenumber}} {{applicant.nme}} {{#each materials}}{{code}} {{colour}} {{../caseNo}} {{../nope}}{{/each}}', accepted);
    expect(c.unknownVariables).toEqual(['../nope', 'applicant.nme', 'casenumber', 'colour']);
  });

  it('resolves loop items, @index and @root only where they exist', () => {
    expect(checkTemplate('{{#each missing}}{{@index}}. {{name}} {{problem}} {{@root.caseNo}}{{/each}}', supplement).unknownVariables).toEqual([]);
    expect(checkTemplate('{{@index}} {{@root.what}}', supplement).unknownVariables).toEqual(['@index', '@root.what']);
  });

  it('reports a syntax error instead of variables', () => {
    const c = checkTemplate('{{#if approved}}yes', accepted);
    expect(c.syntaxError).toMatch(/Parse error|doesn't match/);
  });

  it('refuses helpers and partials it cannot check', () => {
    expect(checkTemplate('{{> footer}}', accepted).unsupported).toEqual(['partials']);
    expect(checkTemplate('{{lookup applicant "name"}}', accepted).unsupported).toEqual(['helper lookup']);
    expect(checkTemplate('{{#custom caseNo}}x{{/custom}}', accepted).unsupported[0]).toMatch(/block \{\{#custom\}\}/);
  });
});

describe('rendering', () => {
  const recipient = { applicantName: 'Zhang San', caseNo: '420102-20261127-000001', matterName: '食品经营许可' };
  const data = {
    caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
    caseNo: recipient.caseNo,
    matterCode: 'M-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW' as const,
    applicant: { kind: 'NATURAL_PERSON' as const, name: '张三', idNumber: '11010519491231002X', contact: {} },
    acceptedAt: '2026-11-27T02:00:00Z',
    departmentCode: 'HB-SCJGJ',
    materials: [{ code: 'M-APP', name: '申请书', provided: true }],
    legalLimitDays: 20,
    promisedLimitDays: 10,
    promisedDate: '2026-12-11',
  };

  it('writes English dates for the en locale and keeps text unescaped', () => {
    const ctx = milestoneContext(EventTypes.CaseAccepted, data, recipient, 'en');
    const m = renderTemplate(builtInTemplate(EventTypes.CaseAccepted, 'en'), ctx);
    expect(m.subject).toBe('[Accepted] Your case 420102-20261127-000001 has been accepted');
    expect(m.text).toContain('Promised completion date: 11 December 2026.');
    expect(m.text).toContain('"食品经营许可"');
  });

  it('renders a published text with loops over the event data', () => {
    const ctx = milestoneContext(EventTypes.CaseAccepted, data, recipient, 'zh-CN');
    const m = renderTemplate({ subject: '受理 {{caseNo}}', body: '{{#each materials}}{{@index}}:{{name}} {{/each}}截止 {{promisedDate}}' }, ctx);
    expect(m.text).toBe('0:申请书 截止 2026年12月11日');
  });

  it('throws rather than leave a hole when the event lacks a field the text uses', () => {
    const ctx = milestoneContext(EventTypes.CaseAccepted, data, recipient, 'zh-CN');
    expect(() => renderTemplate({ subject: 'x', body: '{{applicant.contact.email}}' }, ctx)).toThrow(/not defined/);
  });

  it('computes exactly the names it declares', () => {
    const ctx = milestoneContext(EventTypes.CaseAccepted, data, recipient, 'zh-CN');
    for (const name of computedVariableNames(EventTypes.CaseAccepted)) expect(ctx).toHaveProperty(name);
  });
});

describe('compiled templates', () => {
  it('compiles a text once and a changed text (a new version) afresh', () => {
    const v1 = compileTemplate('受理 {{caseNo}}');
    expect(compileTemplate('受理 {{caseNo}}')).toBe(v1);
    expect(v1({ caseNo: 'A' })).toBe('受理 A');
    const v2 = compileTemplate('已受理：{{caseNo}}');
    expect(v2).not.toBe(v1);
    expect(v2({ caseNo: 'A' })).toBe('已受理：A');
  });

  it('stays strict when cached: a missing variable throws every time', () => {
    const t = compileTemplate('{{missing}}');
    expect(() => t({})).toThrow(/not defined/);
    expect(() => compileTemplate('{{missing}}')({})).toThrow(/not defined/);
  });
});
