/** The pure domain: calendar, documents, lifecycle, deadlines, reminders, evidence, identifiers. */
export * from './types.ts';
export * from './calendar.ts';
export * from './documents.ts';
export * from './rules.ts';
export * from './lifecycle.ts';
export * from './deadlines.ts';
export * from './reminders.ts';
export * from './alert-delivery.ts';
export * from './evidence.ts';
export * from './identity.ts';
