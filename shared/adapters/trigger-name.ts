/**
 * The names EventBridge Scheduler accepts for a schedule: 1 to 64 characters of [0-9a-zA-Z-_.].
 * Every Scheduler adapter refuses any other name, so a use case that breaks the rule fails in a
 * test or a local run as it would in the cloud.
 */
const TRIGGER_NAME = /^[0-9a-zA-Z._-]{1,64}$/;

export function isTriggerName(name: string): boolean {
  return TRIGGER_NAME.test(name);
}

/** @throws RangeError when EventBridge Scheduler would refuse `name`. */
export function assertTriggerName(name: string): void {
  if (!isTriggerName(name)) throw new RangeError(`Not a valid trigger name (1–64 of [0-9a-zA-Z-_.]): ${name}`);
}
