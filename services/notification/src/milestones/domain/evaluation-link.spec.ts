import { isValidEvaluationToken } from '@onewindow/domain';
import { withEvaluationLink } from './evaluation-link';

describe('evaluation link in the handover message', () => {
  const message = { channel: 'EMAIL', subject: '【出件通知】', body: '您好：结果文书已领取。' };
  const caseId = '01JDZ3Q4X6S8K7Y2V9T5R3M1N0';
  const config = { EVALUATION_SECRET: 'e'.repeat(32), EVALUATION_BASE_URL: 'https://zwfw.example.gov.cn/supervision/' };

  it('ends the handover message with the case’s signed link', () => {
    const out = withEvaluationLink('document.handed-over', message, caseId, config);
    const link = /评价链接：(\S+)$/.exec(out.body)?.[1] ?? '';
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`https://zwfw.example.gov.cn/supervision/evaluate/${caseId}`);
    expect(isValidEvaluationToken(caseId, url.searchParams.get('t') ?? '', config.EVALUATION_SECRET)).toBe(true);
    expect(out.subject).toBe(message.subject);
  });

  it('leaves other milestones, and every message without a configured secret, as they were', () => {
    expect(withEvaluationLink('document.issued', message, caseId, config)).toEqual(message);
    expect(withEvaluationLink('document.handed-over', { ...message, channel: 'WEBHOOK' }, caseId, config).body).toBe(message.body);
    expect(withEvaluationLink('document.handed-over', message, caseId, { EVALUATION_BASE_URL: config.EVALUATION_BASE_URL })).toEqual(message);
  });
});
