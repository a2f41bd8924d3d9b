/**
 * The use cases: plain async functions taking (deps, input), importing only the domain, the
 * ports and the errors. The HTTP app, the Lambdas, the local server and the simulator call these.
 */
export * from './register-applicant.ts';
export * from './reissue-connection-key.ts';
export * from './deposit-document.ts';
export * from './export-evidence.ts';
export * from './activate-account.ts';
export * from './log-in.ts';
export * from './authenticate.ts';
export * from './log-out.ts';
export * from './get-profile.ts';
export * from './list-documents.ts';
export * from './get-document.ts';
export * from './open-document.ts';
export * from './set-contact.ts';
export * from './set-language.ts';
export * from './record-legal-aid.ts';
export * from './reset-password-with-key.ts';
export * from './issue-reset-code.ts';
export * from './request-reset-code.ts';
export * from './reset-password-with-code.ts';
export * from './handle-trigger.ts';
export * from './deem-notification.ts';
export * from './send-reminder.ts';
export * from './deliver-alert.ts';
export * from './sweep.ts';
export * from './document-view.ts';
export * from './alert-ids.ts';
export * from './lockout.ts';
export * from './helper-accounts.ts';
export * from './helper-grants.ts';
export * from './helper-views.ts';
export * from './helper-digest.ts';
