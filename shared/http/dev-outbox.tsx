/**
 * `/dev/outbox` (local runs only): every SMS and e-mail the outbox "sent", newest first, as a page a
 * tester can read — when, channel, language, to whom, which document and kind of alert, and the
 * text itself (in its own language and direction). The same list as JSON at `/dev/outbox.json`.
 */
import type { Hono } from 'hono';
import { directionOf, isLanguage } from './i18n/index.ts';
import type { AppEnv, OutboxMessage } from './context.ts';

/** What an alert id says: `DOC-1.reminder.7.sms` → `DOC-1`, `reminder (day 7)`; a reset code has no document. */
export function describeAlertId(id: string | undefined): { document: string; kind: string } {
  if (id === undefined) return { document: '', kind: '' };
  if (id.startsWith('reset.')) return { document: '', kind: 'password reset code' };
  const match = /^(.+)\.(deposit|reminder)\.([0-9]+)\.(sms|email)$/.exec(id);
  if (match === null) return { document: '', kind: id };
  return { document: match[1] ?? '', kind: match[2] === 'reminder' ? `reminder (day ${match[3] ?? ''})` : 'new letter' };
}

/** The outbox's messages as the JSON answer gives them, newest first. */
export function outboxJson(messages: ReadonlyArray<OutboxMessage>) {
  return messages.map((message) => ({
    at: message.at ?? message.sentAt ?? null,
    channel: message.channel,
    language: message.language ?? null,
    to: message.to,
    document: describeAlertId(message.id).document || null,
    ...(message.subject === undefined ? {} : { subject: message.subject }),
    text: message.text,
  }));
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:start;vertical-align:top}
th{background:#f3f3f6}.text{white-space:pre-wrap}.muted{color:#4a4a4a}`;

export function OutboxPage(props: { messages: ReadonlyArray<OutboxMessage> }) {
  const messages = props.messages;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Outbox · local run</title>
        <link rel="stylesheet" href="/dev/outbox.css" />
      </head>
      <body>
        <main>
          <h1>Outbox</h1>
          <p>
            Every SMS and e-mail of this local run, newest first ({String(messages.length)}). As JSON: <a href="/dev/outbox.json">/dev/outbox.json</a>
          </p>
          {messages.length === 0 ? (
            <p class="muted">Nothing sent yet.</p>
          ) : (
            <table>
              <caption class="muted">Messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Sent (UTC)</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Language</th>
                  <th scope="col">To</th>
                  <th scope="col">Document</th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((message) => {
                  const { document, kind } = describeAlertId(message.id);
                  const language = isLanguage(message.language) ? message.language : undefined;
                  return (
                    <tr>
                      <td>{message.at ?? message.sentAt ?? ''}</td>
                      <td>{message.channel}</td>
                      <td>{message.language ?? ''}</td>
                      <td dir="ltr">{message.to}</td>
                      <td>
                        {document}
                        {document === '' ? '' : ' · '}
                        {kind}
                      </td>
                      <td class="text" lang={language} dir={language === undefined ? undefined : directionOf(language)}>
                        {message.subject === undefined ? null : <strong>{message.subject}</strong>}
                        {message.subject === undefined ? '' : '\n'}
                        {message.text}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </main>
      </body>
    </html>
  );
}

/** Registers `/dev/outbox` (the page), `/dev/outbox.json` and the page's stylesheet (the CSP allows no inline style). */
export function registerOutboxRoutes(app: Hono<AppEnv>, messages: () => ReadonlyArray<OutboxMessage>): void {
  app.get('/dev/outbox', (c) => c.html(`<!doctype html>${String(<OutboxPage messages={messages()} />)}`));
  app.get('/dev/outbox.json', (c) => c.json({ messages: outboxJson(messages()) }));
  app.get('/dev/outbox.css', (c) => c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
}
