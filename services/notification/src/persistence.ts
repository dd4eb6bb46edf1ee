import { InitialSchema1764288000000 } from '../migrations/1764288000000-initial-schema';
import { SmsReceiptsAndReplay1764374400000 } from '../migrations/1764374400000-sms-receipts-and-replay';
import { TemplatesAndWebhookSubscriptions1764460800000 } from '../migrations/1764460800000-templates-and-webhook-subscriptions';

/** Notification's schema, in order: the service runs them at start, tests against PostgreSQL use the same list. */
export const NOTIFICATION_MIGRATIONS = [InitialSchema1764288000000, SmsReceiptsAndReplay1764374400000, TemplatesAndWebhookSubscriptions1764460800000];
