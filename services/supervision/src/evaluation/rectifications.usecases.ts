import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventTypes } from '@onewindow/contracts';
import { currentActor, decodeCursor, encodeCursor, EventPublisher, ProblemException } from '@onewindow/platform';
import type { DataSource } from 'typeorm';
import { type RectificationAction, type RectificationStatus, transition } from './domain/evaluation';
import type { CloseBody, FollowUpBody, RectificationDto, RectificationPageDto, RespondBody } from './dto/evaluation.dto';
import { EvaluationRepository } from './infrastructure/evaluation.repository';
import { assertRectificationAccess, visibleDepartment } from './rectification-access';
import { rectificationView } from './rectification-view';

@Injectable()
export class ListRectificationsUseCase {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: EvaluationRepository,
  ) {}

  async execute(q: { status?: RectificationStatus; departmentCode?: string; limit?: number; cursor?: string }): Promise<RectificationPageDto> {
    const limit = q.limit ?? 20;
    const visible = visibleDepartment(q.departmentCode);
    if (!visible) return { items: [] };
    const rows = await this.repo.listRectifications(this.ds.manager, {
      status: q.status,
      departmentCode: visible.departmentCode,
      limit: limit + 1,
      after: decodeCursor(q.cursor),
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => rectificationView(r)),
      ...(rows.length > limit ? { nextCursor: encodeCursor(page[page.length - 1].id) } : {}),
    };
  }
}

@Injectable()
export class GetRectificationUseCase {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: EvaluationRepository,
  ) {}

  async execute(id: string): Promise<RectificationDto> {
    const r = assertRectificationAccess(await this.repo.findRectification(this.ds.manager, id), id);
    return rectificationView(r);
  }
}

export type RectificationUpdate =
  | { action: 'respond'; body: RespondBody }
  | { action: 'follow-up'; body: FollowUpBody }
  | { action: 'close'; body: CloseBody };

/** The department answers, the supervisor follows up with the applicant (回访) and closes; each step an event. */
@Injectable()
export class UpdateRectificationUseCase {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: EvaluationRepository,
    private readonly events: EventPublisher,
  ) {}

  async execute(id: string, update: RectificationUpdate, now = new Date()): Promise<RectificationDto> {
    return this.ds.transaction(async (tx) => {
      const r = assertRectificationAccess(await this.repo.findRectification(tx, id, true), id);
      const next = transition(r.status, update.action);
      if (!next) throw invalidTransition(r.status, update.action);
      const ref = { rectificationId: r.id, caseId: r.caseId, departmentCode: r.departmentCode };
      const at = now.toISOString();
      // Who acts is the verified caller, never a body field (OWASP API3).
      const actor = currentActor();
      r.status = next;
      switch (update.action) {
        case 'respond': {
          const late = rectificationView({ ...r, status: 'OPEN' }, now).overdue;
          Object.assign(r, { response: update.body.response, respondedBy: actor, respondedAt: now });
          await this.repo.saveRectification(tx, r);
          await this.events.publish(tx, EventTypes.RectificationResponded, r.caseId, {
            ...ref,
            response: update.body.response,
            respondedBy: actor,
            late,
            respondedAt: at,
          });
          break;
        }
        case 'follow-up':
          Object.assign(r, {
            followUpNote: update.body.note,
            followedUpBy: actor,
            applicantSatisfied: update.body.applicantSatisfied,
            followedUpAt: now,
          });
          await this.repo.saveRectification(tx, r);
          await this.events.publish(tx, EventTypes.RectificationFollowedUp, r.caseId, {
            ...ref,
            note: update.body.note,
            followedUpBy: actor,
            applicantSatisfied: update.body.applicantSatisfied,
            followedUpAt: at,
          });
          break;
        case 'close':
          Object.assign(r, { closingNote: update.body.note ?? null, closedBy: actor, closedAt: now });
          await this.repo.saveRectification(tx, r);
          await this.events.publish(tx, EventTypes.RectificationClosed, r.caseId, {
            ...ref,
            ...(update.body.note ? { note: update.body.note } : {}),
            closedBy: actor,
            closedAt: at,
          });
          break;
      }
      return rectificationView(r, now);
    });
  }
}

function invalidTransition(status: RectificationStatus, action: RectificationAction): ProblemException {
  return new ProblemException(
    'rectification-state-conflict',
    'The rectification is not in a state that allows this step',
    HttpStatus.CONFLICT,
    `a rectification that is ${status} cannot be ${action === 'respond' ? 'answered' : action === 'close' ? 'closed' : 'followed up'}`,
    { currentStatus: status },
  );
}
