/**
 * How the in-memory repositories keep stored state out of the callers' reach without copying
 * whole records on every read and write (a `structuredClone` each time was most of a simulation's
 * garbage, and a letter's evidence chain grows with every event):
 * - the stored record object and its arrays are the repository's own, never handed out;
 * - everything below them (alerts, evidence events, reset codes, legal aid) is a deep-frozen
 *   copy, made once when it is first written and then shared by every later version of the record
 *   that still holds it, and by every read;
 * - a read returns a new record object with new arrays over those frozen parts.
 * A caller can change what it was given — set a field, push to an array — without touching the
 * store, and cannot change a frozen part at all.
 *
 * Each repository copies its record type field by field (a generic walk over the keys costs several
 * times more); `PartFields` makes the compiler list the fields that need it, so a new object field
 * in a record cannot be forgotten.
 */

/** The fields of record type `T` that hold objects or arrays (possibly null): the ones a copy must not share as they are. */
export type PartFields<T> = { [K in keyof T]-?: NonNullable<T[K]> extends object ? K : never }[keyof T];

/** Compiles only when `Listed` names every field of `PartFields<T>`. */
export type Covers<T, Listed extends PartFields<T>> = Exclude<PartFields<T>, Listed> extends never ? true : never;

/** A deep-frozen copy of plain data (strings, numbers, booleans, null, arrays, plain objects). */
export function frozenPart<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item: unknown) => frozenPart(item))) as T;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(copy)) {
    const field = copy[key];
    if (typeof field === 'object' && field !== null) copy[key] = frozenPart(field);
  }
  return Object.freeze(copy) as T;
}

/**
 * A part as stored: the previous stored version's own (frozen) part when the caller passed that
 * very object back, else a frozen copy of it.
 */
export function storedPart<T>(part: T, previous: T | undefined): T {
  return part === previous ? part : frozenPart(part);
}

/**
 * An array as stored: a new array whose items are the previous stored version's own (frozen) items
 * where the caller passed those very objects back at the same place — a record read, changed and
 * written again keeps all but the changed or appended items — and frozen copies of the others.
 */
export function storedItems<T>(items: readonly T[], previous: readonly T[] | undefined): T[] {
  const stored = new Array<T>(items.length);
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as T;
    stored[i] = previous !== undefined && item === previous[i] ? item : frozenPart(item);
  }
  return stored;
}
