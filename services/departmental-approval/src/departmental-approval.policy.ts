import type { ServicePolicy } from '@onewindow/platform';

/**
 * Department systems use gRPC (DepartmentCallerGuard: officers of one department, each task checked
 * with canActOnTask); the HTTP side serves health and OpenAPI only, so no API route is declared.
 */
export const DEPARTMENTAL_APPROVAL_POLICY: ServicePolicy = {};
