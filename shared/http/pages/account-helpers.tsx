/**
 * The "Helpers" section of the applicant's `/account` (docs/api.md "Helpers"): "Give a helper access"
 * (type the helper's code) and the helpers with access, each with what they looked at and when
 * (the access log), and "Remove access". Its own component so the account page only places it.
 */
import type { Context } from 'hono';
import type { Language } from '../../domain/types.ts';
import type { Deps } from '../../ports.ts';
import { type HelperWithViews, listMyHelpers } from '../../use-cases/helper-grants.ts';
import { accountHelperTexts } from '#helper-texts';
import { showInstantDate } from './format.ts';
import { PostForm } from './form.tsx';
import { Input } from './layout.tsx';
import type { FieldErrors } from './layout.tsx';

/** `HH:MM` in Paris, for the access log. */
function parisTime(instant: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

export function AccountHelpers(props: { language: Language; helpers: readonly HelperWithViews[]; errors: FieldErrors; code?: string | undefined }) {
  const a = accountHelperTexts(props.language);
  return (
    <section aria-labelledby="helpers-title">
      <h2 id="helpers-title">{a.title}</h2>
      <p>{a.intro}</p>
      <PostForm action="/account/helpers" submit={a.give}>
        <Input id="grantCode" label={a.codeLabel} hint={a.codeHint} errors={props.errors} value={props.code} autocomplete="off" autocapitalize="characters" />
      </PostForm>
      {props.helpers.length === 0 ? (
        <p>{a.none}</p>
      ) : (
        <ul class="helpers">
          {props.helpers.map((helper) => (
            <li class="panel" data-helper={helper.helperId}>
              <h3>
                {helper.name} · {helper.organisation}
              </h3>
              <p>{a.until(showInstantDate(helper.expiresAt))}</p>
              <h4>{a.views}</h4>
              {helper.views.length === 0 ? (
                <p>{a.noViews}</p>
              ) : (
                <ul>
                  {helper.views.slice(0, 20).map((view) => (
                    <li>
                      <span dir="ltr">
                        {showInstantDate(view.at)} {parisTime(view.at)}
                      </span>{' '}
                      — {{ list: a.whatList, documents: a.whatDocuments, digest: a.whatDigest }[view.what]}
                    </li>
                  ))}
                </ul>
              )}
              <form method="post" action={`/account/helpers/${encodeURIComponent(helper.helperId)}/remove`}>
                <button class="button secondary" type="submit">
                  {a.remove}
                  <span class="vh"> — {helper.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The section as `/account` shows it: the applicant's helpers read now (two queries). */
export async function accountHelpersSection(
  deps: Pick<Deps, 'grants' | 'clock'>,
  profile: { readonly agdref: string; readonly language: Language },
  extra: { readonly errors?: FieldErrors; readonly code?: string } = {},
) {
  const helpers = await listMyHelpers(deps, { agdref: profile.agdref });
  return <AccountHelpers language={profile.language} helpers={helpers} errors={extra.errors ?? {}} code={extra.code} />;
}

/** The notice after "Give access" or "Remove access" (Post/Redirect/Get: `?helpers=granted|removed`). */
export function accountHelpersNotice(c: Context, language: Language): string | undefined {
  const done = c.req.query('helpers');
  const a = accountHelperTexts(language);
  return done === 'granted' ? a.granted : done === 'removed' ? a.removed : undefined;
}
