import { buildDataSourceOptions, migrate } from '@onewindow/platform';
import { createTestDatabase } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { NOTIFICATION_MIGRATIONS } from '../src/persistence';

/** A test database with notification's schema migrated, for repository tests against PostgreSQL. */
export async function notificationSchema(): Promise<{ ds: DataSource; drop(): Promise<void> }> {
  const db = await createTestDatabase();
  const ds = new DataSource(buildDataSourceOptions({ url: db.url, schema: 'notification', entities: [], migrations: NOTIFICATION_MIGRATIONS }));
  await ds.initialize();
  await migrate(ds, 'notification');
  return {
    ds,
    drop: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}
