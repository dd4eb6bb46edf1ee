import { EventTypes } from '@onewindow/contracts';
import { evaluationLink } from '@onewindow/domain';
import type { RenderedText } from '../../templates/template';

/**
 * The handover message ends with the applicant's own 好差评 link (signed per case with the secret
 * supervision checks). Added here, after rendering, so the templates stay as they are.
 */
export function withEvaluationLink(
  type: string,
  message: RenderedText,
  caseId: string,
  config: { EVALUATION_SECRET?: string; EVALUATION_BASE_URL: string },
): RenderedText {
  if (type !== EventTypes.DocumentHandedOver || !config.EVALUATION_SECRET) return message;
  const link = evaluationLink(config.EVALUATION_BASE_URL, caseId, config.EVALUATION_SECRET);
  return { ...message, text: `${message.text}\n\n评价链接：${link}` };
}
