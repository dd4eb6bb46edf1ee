import type { TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_CATALOG, type EventData, type EventType, isEventType } from './event-catalog';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const validators = new Map<EventType, ValidateFunction>();
function validatorFor(type: EventType): ValidateFunction {
  let fn = validators.get(type);
  if (!fn) {
    const schema: TSchema = EVENT_CATALOG[type].schema;
    fn = ajv.compile(schema);
    validators.set(type, fn);
  }
  return fn;
}

export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`invalid ${eventType} event: ${problems.join('; ')}`);
    this.name = 'EventValidationError';
  }
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Throws EventValidationError when `data` does not match the JSON Schema of `type`. */
export function assertEventData<T extends EventType>(type: T, data: unknown): asserts data is EventData<T> {
  const validate = validatorFor(type);
  if (!validate(data)) throw new EventValidationError(type, describe(validate.errors));
}

/** Validates type and data of an incoming event; returns the problems found (empty when valid). */
export function checkEvent(type: string, data: unknown): string[] {
  if (!isEventType(type)) return [`unknown event type "${type}"`];
  const validate = validatorFor(type);
  return validate(data) ? [] : describe(validate.errors);
}
