import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventTypes } from '@onewindow/contracts';
import { isValidEvaluationToken } from '@onewindow/domain';
import { CONFIG, EventPublisher, LOGGER, ProblemException } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import type { SupervisionConfig } from '../config/supervision.config';
import { checkEvaluation, opensRectification, rectificationDeadline, SCORE_LABEL, type Score } from './domain/evaluation';
import type { EvaluationDto } from './dto/evaluation.dto';
import { EvaluationRepository } from './infrastructure/evaluation.repository';

export interface SubmitEvaluation {
  caseId: string;
  score: number;
  reason?: string;
  token: string;
}

/** 好差评: one rating per delivered case, by whoever holds the link; a poor one opens a rectification. */
@Injectable()
export class SubmitEvaluationUseCase {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: EvaluationRepository,
    private readonly events: EventPublisher,
    @Inject(CONFIG) private readonly config: SupervisionConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(input: SubmitEvaluation, now = new Date()): Promise<EvaluationDto> {
    // The token first: without it nobody learns whether a case exists or was rated.
    if (!isValidEvaluationToken(input.caseId, input.token, this.config.EVALUATION_SECRET)) {
      throw new ProblemException(
        'evaluation-token-invalid',
        'The evaluation link is not valid for this case',
        HttpStatus.FORBIDDEN,
        'Use the link from the message sent when the result was handed over.',
      );
    }
    const score = input.score as Score;
    const reason = input.reason?.trim() || undefined;
    const result = await this.ds.transaction(async (tx) => {
      const c = await this.repo.caseForEvaluation(tx, input.caseId);
      if (!c) throw ProblemException.notFound('case', input.caseId);
      const problem = checkEvaluation({ score, reason, delivered: c.handedOverAt !== null });
      if (problem === 'not-delivered') {
        throw new ProblemException(
          'case-not-delivered',
          'Only a delivered case can be rated',
          HttpStatus.CONFLICT,
          `case ${c.caseNo} has not been handed over yet`,
        );
      }
      if (problem === 'reason-required') {
        throw ProblemException.validation([{ field: 'reason', problems: ['a score below 3 (不满意, 非常不满意) needs a reason'] }]);
      }
      if (!(await this.repo.insertEvaluation(tx, c, score, reason ?? null, now))) {
        throw new ProblemException('evaluation-exists', 'This case has been rated already', HttpStatus.CONFLICT, `case ${c.caseNo} has an evaluation`);
      }
      const label = SCORE_LABEL[score];
      await this.events.publish(tx, EventTypes.EvaluationSubmitted, c.caseId, {
        caseId: c.caseId,
        caseNo: c.caseNo,
        matterCode: c.matterCode,
        departmentCode: c.departmentCode,
        regionCode: c.regionCode,
        score,
        label,
        ...(reason ? { reason } : {}),
        submittedAt: now.toISOString(),
      });
      let rectification: { id: string; deadline: string } | undefined;
      if (opensRectification(score) && reason) {
        rectification = { id: ulid(), deadline: rectificationDeadline(now, this.config.RECTIFICATION_WORKING_DAYS) };
        await this.repo.insertRectification(tx, { id: rectification.id, c, score, reason, deadline: rectification.deadline, openedAt: now });
        await this.events.publish(tx, EventTypes.RectificationOpened, c.caseId, {
          rectificationId: rectification.id,
          caseId: c.caseId,
          caseNo: c.caseNo,
          departmentCode: c.departmentCode,
          score,
          reason,
          deadline: rectification.deadline,
          openedAt: now.toISOString(),
        });
      }
      return { caseId: c.caseId, caseNo: c.caseNo, score, label, ...(reason ? { reason } : {}), submittedAt: now.toISOString(), ...(rectification ? { rectification } : {}) };
    });
    this.log.info({ caseId: result.caseId, score, rectification: result.rectification?.id }, 'evaluation submitted');
    return result;
  }
}
