import { SupervisionInitial1764800000000 } from './1764800000000-supervision-initial';

/** In the order they run. */
export const SUPERVISION_MIGRATIONS = [SupervisionInitial1764800000000];
