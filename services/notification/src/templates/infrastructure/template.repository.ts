import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../deliveries/domain/delivery';
import { builtInTemplate } from '../built-in-templates';
import { TEMPLATE_LOCALES, type TemplateLocale } from '../domain/locale';
import { MILESTONE_TYPES, type MilestoneType } from '../render-milestone';
import { MessageTemplateEntity } from './message-template.entity';

export interface TemplateKey {
  eventType: MilestoneType;
  channel: DeliveryChannel;
  locale: TemplateLocale;
}

export interface TemplateVersion extends TemplateKey {
  version: number;
  subject: string;
  body: string;
  publishedAt: Date;
}

const toVersion = (e: MessageTemplateEntity): TemplateVersion => ({
  eventType: e.eventType as MilestoneType,
  channel: e.channel,
  locale: e.locale as TemplateLocale,
  version: e.version,
  subject: e.subject,
  body: e.body,
  publishedAt: e.publishedAt,
});

@Injectable()
export class TemplateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Version 1 of every template from the built-in texts; a no-op where it exists (several instances may start at once). */
  async seedBuiltIns(): Promise<number> {
    const rows = MILESTONE_TYPES.flatMap((eventType) =>
      TEMPLATE_LOCALES.flatMap((locale) =>
        DELIVERY_CHANNELS.map((channel) => ({ eventType, channel, locale, version: 1, ...builtInTemplate(eventType, locale) })),
      ),
    );
    const r = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MessageTemplateEntity)
      .values(rows)
      .orIgnore()
      .returning(['version'])
      .execute();
    return (r.raw as unknown[]).length;
  }

  async find(key: TemplateKey, version: number): Promise<TemplateVersion | undefined> {
    const e = await this.dataSource.getRepository(MessageTemplateEntity).findOneBy({ ...key, version });
    return e ? toVersion(e) : undefined;
  }

  async versions(key: TemplateKey): Promise<TemplateVersion[]> {
    const rows = await this.dataSource.getRepository(MessageTemplateEntity).find({ where: { ...key }, order: { version: 'DESC' } });
    return rows.map(toVersion);
  }

  /** The current version of every template, optionally narrowed to an event type, channel or locale. */
  async listCurrent(filter: Partial<TemplateKey>): Promise<TemplateVersion[]> {
    const qb = this.dataSource
      .getRepository(MessageTemplateEntity)
      .createQueryBuilder('t')
      .distinctOn(['t.event_type', 't.channel', 't.locale'])
      .orderBy('t.event_type')
      .addOrderBy('t.channel')
      .addOrderBy('t.locale')
      .addOrderBy('t.version', 'DESC');
    if (filter.eventType) qb.andWhere('t.event_type = :eventType', { eventType: filter.eventType });
    if (filter.channel) qb.andWhere('t.channel = :channel', { channel: filter.channel });
    if (filter.locale) qb.andWhere('t.locale = :locale', { locale: filter.locale });
    return (await qb.getMany()).map(toVersion);
  }

  /** Adds the next version; publishers of the same key queue on an advisory lock, so versions never collide. */
  async publish(key: TemplateKey, text: { subject: string; body: string }): Promise<TemplateVersion> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`template:${key.eventType}:${key.channel}:${key.locale}`]);
      const [{ next }]: Array<{ next: number }> = await m.query(
        'SELECT coalesce(max(version), 0) + 1 AS next FROM message_template WHERE event_type = $1 AND channel = $2 AND locale = $3',
        [key.eventType, key.channel, key.locale],
      );
      const row = m.create(MessageTemplateEntity, { ...key, version: Number(next), ...text, publishedAt: new Date() });
      await m.insert(MessageTemplateEntity, row);
      return toVersion(row);
    });
  }
}
