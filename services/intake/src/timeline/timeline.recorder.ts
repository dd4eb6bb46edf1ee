import { Injectable } from '@nestjs/common';
import type { CloudEvent, EventType } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import { TimelineEntryEntity } from '../cases/infrastructure/case.entities';

/** What the timeline keeps of each event: enough to read the story, no personal data. */
export function timelineDetails(event: CloudEvent<EventType>): Record<string, unknown> {
  const d = event.data as unknown as Record<string, unknown>;
  const pick = (...keys: string[]) => Object.fromEntries(keys.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
  switch (event.type) {
    case 'case.received':
      return pick('channel', 'matterCode', 'matterVersion');
    case 'case.accepted':
      return pick('promisedDate', 'legalLimitDays', 'promisedLimitDays');
    case 'case.routed':
      return { tasks: (d.tasks as Array<Record<string, unknown>>).map((t) => ({ departmentCode: t.departmentCode, stage: t.stage })) };
    case 'task.assigned':
      return pick('taskId', 'departmentCode', 'stage');
    case 'task.claimed':
      return pick('taskId', 'departmentCode', 'officerId');
    case 'task.decided':
      return pick('taskId', 'departmentCode', 'outcome', 'reason');
    case 'case.decided':
      return pick('outcome', 'reasons');
    case 'document.issued':
      return pick('documentNo', 'kind', 'title', 'validUntil');
    case 'document.handed-over':
      return pick('documentNo', 'method', 'collectorRole');
    case 'case.not-accepted':
    case 'case.supplement-required':
    case 'case.supplemented':
    case 'case.withdrawn':
    case 'catalog.matter-published':
    case 'notification.delivered':
    case 'notification.failed':
      return {};
  }
}

@Injectable()
export class TimelineRecorder {
  async record(manager: EntityManager, event: CloudEvent<EventType>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(TimelineEntryEntity)
      .values({
        caseId: event.subject,
        eventId: event.id,
        eventType: event.type,
        source: event.source,
        sequence: event.sequence,
        occurredAt: new Date(event.time),
        details: () => `'${JSON.stringify(timelineDetails(event)).replace(/'/g, "''")}'::jsonb`,
      })
      .orIgnore()
      .execute();
  }
}
