import { RoutingInitial1795822567023 } from './1795822567023-routing-initial';
import { RoutingRulesAndStages1795900000000 } from './1795900000000-routing-rules-and-stages';

/** In the order they run. */
export const ROUTING_MIGRATIONS = [RoutingInitial1795822567023, RoutingRulesAndStages1795900000000];
