import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal';

export interface RequestContext {
  correlationId: string;
  /** The request id or event id that is being handled: the cause of whatever gets published now. */
  causationId: string;
  /** The authenticated caller of a REST request, for object-level checks and the audit trail. */
  principal?: Principal;
  /** Why the caller acts (`x-audit-reason`), for the audit trail. */
  reason?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The caller of the request at hand; undefined for events, jobs, or when authentication is off. */
export function currentPrincipal(): Principal | undefined {
  return storage.getStore()?.principal;
}

/**
 * Who acts, for the record (`respondedBy`, `revokedBy`, `clerkId`…): the verified caller's subject,
 * never a request field (OWASP API3). `anonymous` when authentication is off (local runs).
 */
export function currentActor(): string {
  return currentPrincipal()?.subject ?? 'anonymous';
}
