export { SUPERVISION_MIGRATIONS } from '../migrations';

/** The read model and evaluations are written with SQL (upserts column by column), so no TypeORM entities. */
export const SUPERVISION_ENTITIES = [];
