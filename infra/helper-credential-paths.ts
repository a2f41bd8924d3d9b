/**
 * docs/api.md "Helpers": the paths where a helper's secrets are posted (the API's helper log-in and
 * activation, and the helper's login page and its activation form). The WAF's credential rate
 * rule covers them like the applicants': `CREDENTIAL_PATHS` in stacks/api-stack.ts spreads this list.
 */
export const HELPER_CREDENTIAL_PATHS: ReadonlyArray<{ readonly path: string; readonly match: 'STARTS_WITH' | 'EXACTLY' }> = [
  { path: '/api/v1/helper/session', match: 'STARTS_WITH' },
  { path: '/api/v1/helper/activate', match: 'STARTS_WITH' },
  { path: '/helper', match: 'EXACTLY' },
  { path: '/helper/activate', match: 'STARTS_WITH' },
];
