import { EventTypes } from '@onewindow/contracts';
import { evaluationLink } from '@onewindow/domain';

/**
 * The handover message to the applicant (e-mail, SMS) ends with their own 好差评 link, signed per
 * case with the secret supervision checks. Added after rendering, so every template version gets it
 * without declaring a variable; webhooks carry the event itself and get no link.
 */
export function withEvaluationLink<M extends { channel: string; body: string }>(
  type: string,
  message: M,
  caseId: string,
  config: { EVALUATION_SECRET?: string; EVALUATION_BASE_URL: string },
): M {
  if (type !== EventTypes.DocumentHandedOver || !config.EVALUATION_SECRET || message.channel === 'WEBHOOK') return message;
  const link = evaluationLink(config.EVALUATION_BASE_URL, caseId, config.EVALUATION_SECRET);
  return { ...message, body: `${message.body}\n\n评价链接：${link}` };
}
