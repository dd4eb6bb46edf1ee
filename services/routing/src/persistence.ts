import { MatterVersionEntity } from './catalog/infrastructure/matter-version.entity';
import { DispatchPlanEntity } from './dispatch/infrastructure/dispatch-plan.entity';
import { PlanStageEntity } from './dispatch/infrastructure/plan-stage.entity';
import { PlanTaskEntity } from './dispatch/infrastructure/plan-task.entity';

export { ROUTING_MIGRATIONS } from '../migrations';

export const ROUTING_ENTITIES = [MatterVersionEntity, DispatchPlanEntity, PlanStageEntity, PlanTaskEntity];
