import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { HOLD_EVENT_TYPES, type HoldEntry, openHolds, type OpenHolds } from '../domain/case-holds';
import { TimelineEntryEntity } from './case.entities';

/** The case's open holds, read from its timeline (where approval's events are recorded in order). */
export async function loadOpenHolds(m: EntityManager, caseId: string): Promise<OpenHolds> {
  const rows = await m.find(TimelineEntryEntity, {
    where: { caseId, eventType: In([...HOLD_EVENT_TYPES]) },
    order: { position: 'ASC' },
  });
  return openHolds(
    rows.map((r): HoldEntry => {
      const d = r.details as { taskId?: unknown; items?: unknown };
      return {
        type: r.eventType,
        ...(typeof d.taskId === 'string' ? { taskId: d.taskId } : {}),
        ...(Array.isArray(d.items) ? { items: d.items as HoldEntry['items'] } : {}),
      };
    }),
  );
}
