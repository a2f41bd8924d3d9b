/**
 * The frame of every page: `lang`/`dir` on <html>, a skip link, the header (the site's name, a
 * one-line link to the language page, and the letters and account links once logged in), the
 * main landmark (opening with a form page's error summary and notice) and the help footer. Only
 * `/assets/style.css`; no script, no external font. On a 360 px phone the header takes two lines
 * at most, and every link and button is at least 44 × 44 px.
 */
import type { Child } from 'hono/jsx';
import type { Language } from '../../domain/types.ts';
import { LANGUAGE_NAMES, directionOf } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/index.ts';

export interface PageContext {
  readonly t: Catalogue;
  readonly language: Language;
  /** The page's own path and query, where the language switch comes back to. */
  readonly path: string;
  /** Present once logged in. */
  readonly applicant?: { readonly unreadCount: number };
}

export interface LayoutProps {
  readonly page: PageContext;
  readonly title: string;
  /** A form page's errors: summarised first in the main landmark. */
  readonly errors?: FieldErrors;
  /** A status message shown after the error summary. */
  readonly notice?: string | undefined;
  readonly children?: Child;
}

export function Layout(props: LayoutProps) {
  const { t, language, applicant, path } = props.page;
  return (
    <html lang={language} dir={directionOf(language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The header says no-referrer; inside our own pages same-origin keeps every URL from other
            sites just the same, and lets browsers send our real Origin with the forms (under
            no-referrer they send `Origin: null`, which older ones cannot vouch for). */}
        <meta name="referrer" content="same-origin" />
        <title>{`${props.title} · ${t.siteName}`}</title>
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipLink}
        </a>
        <header class="top">
          <div class="wrap top-row">
            <a class="brand" href={applicant === undefined ? '/' : '/documents'}>
              {t.siteName}
            </a>
            <a class="lang-link" href={`/language?back=${encodeURIComponent(path)}`}>
              <GlobeIcon />
              <span class="vh">{t.languageSwitch}: </span>
              <span lang={language}>{LANGUAGE_NAMES[language]}</span>
            </a>
            {applicant === undefined ? null : (
              <ul class="nav">
                <li>
                  <a href="/documents">
                    {t.navDocuments}
                    {applicant.unreadCount > 0 ? (
                      <>
                        {' '}
                        <span class="count">{String(applicant.unreadCount)}</span>
                      </>
                    ) : null}
                  </a>
                </li>
                <li>
                  <a href="/account">{t.navAccount}</a>
                </li>
                <LogOutItem action="/logout" label={t.logOut} />
              </ul>
            )}
          </div>
        </header>
        <div class="wrap">
          <main id="main" tabindex={-1}>
            <ErrorSummary t={t} errors={props.errors ?? {}} />
            <Notice text={props.notice} />
            {props.children}
          </main>
          <footer>
            <p>{t.helpFooter}</p>
            <p>{t.privacyFooter}</p>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** A globe: the language link is recognisable by someone who cannot read the page's language. */
function GlobeIcon() {
  return (
    <svg class="globe" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M2 12h20M12 2c3 3 4 6.5 4 10s-1 7-4 10c-3-3-4-6.5-4-10s1-7 4-10z" fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

/** GOV.UK-style error summary: a heading and a link to each field in error, focused first. */
function ErrorSummary(props: { t: Catalogue; errors: FieldErrors }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{props.t.errorSummaryTitle}</h2>
      <ul>
        {entries.flatMap(([id, messages]) =>
          messages.map((message) => (
            <li>
              <a href={`#${id}`}>{message}</a>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

/** Messages per input id (an input can fail several rules, e.g. the password policy). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export interface InputProps {
  readonly id: string;
  /** The form field's name; the id by default. */
  readonly name?: string;
  readonly label: string;
  readonly hint?: string;
  readonly errors: FieldErrors;
  readonly type?: 'text' | 'password' | 'tel' | 'email' | 'date';
  readonly value?: string;
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  readonly required?: boolean;
  /** Left to right by default: every input takes numbers, keys, passwords, addresses or dates. */
  readonly dir?: 'ltr' | 'rtl' | 'auto';
  /** Another element describing the input (e.g. the password policy). */
  readonly describedBy?: string;
  /** Phones' keyboards: `characters` for connection keys. */
  readonly autocapitalize?: 'off' | 'characters';
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function Input(props: InputProps) {
  const messages = props.errors[props.id] ?? [];
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [
    props.hint === undefined ? null : hintId,
    props.describedBy ?? null,
    messages.length > 0 ? errorId : null,
  ]
    .filter((id) => id !== null)
    .join(' ');
  return (
    <div class={messages.length > 0 ? 'field field-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint === undefined ? null : (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      {messages.length === 0 ? null : (
        <span class="error-text" id={errorId}>
          {messages.join(' ')}
        </span>
      )}
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required ?? true}
        dir={props.dir ?? 'ltr'}
        autocapitalize={props.autocapitalize ?? 'off'}
        spellcheck={false}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
      />
    </div>
  );
}

function Notice(props: { text: string | undefined }) {
  if (props.text === undefined) return null;
  return (
    <p class="notice" role="status">
      {props.text}
    </p>
  );
}

/** The log-out item of a navigation list: a POST form (a link would let any page log the visitor out). */
export function LogOutItem(props: { action: string; label: string }) {
  return (
    <li>
      <form method="post" action={props.action}>
        <button class="linkbtn" type="submit">
          {props.label}
        </button>
      </form>
    </li>
  );
}
