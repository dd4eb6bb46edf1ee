import { RoutingInitial1795822567023 } from './1795822567023-routing-initial';

/** In the order they run. */
export const ROUTING_MIGRATIONS = [RoutingInitial1795822567023];
