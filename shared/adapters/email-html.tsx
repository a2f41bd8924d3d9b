/**
 * The HTML body of an alert e-mail (R11), rendered on the e-mail side from what the domain
 * composed (shared/domain/alert-messages.ts `EmailBody`): one `<div>` per section with its
 * language and direction, the French copy under a rule and its heading, the URL as a link that
 * shows the address itself, the reset code in bold. Text and attributes are escaped by hono/jsx;
 * the document's shell is written as it always was (`<meta …>` and `<hr>` without the `/>` that
 * JSX would give them), so that every e-mail is byte for byte what it was.
 */
import type { EmailBody, EmailParagraph, EmailSection } from '../domain/alert-messages.ts';
import { RTL_LANGUAGES, type Language } from '../domain/types.ts';

function direction(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}

function Paragraph({ paragraph }: { readonly paragraph: EmailParagraph }) {
  if (paragraph.kind === 'link') {
    return (
      <p>
        <a href={paragraph.url}>{paragraph.url}</a>
      </p>
    );
  }
  const at = paragraph.kind === 'emphasis' ? paragraph.text.indexOf(paragraph.emphasis) : -1;
  if (paragraph.kind === 'text' || at < 0) return <p>{paragraph.text}</p>;
  return (
    <p>
      {paragraph.text.slice(0, at)}
      <strong>{paragraph.emphasis}</strong>
      {paragraph.text.slice(at + paragraph.emphasis.length)}
    </p>
  );
}

function Section({ section }: { readonly section: EmailSection }) {
  return (
    <div lang={section.language} dir={direction(section.language)}>
      {section.paragraphs.map((paragraph) => (
        <Paragraph paragraph={paragraph} />
      ))}
    </div>
  );
}

function heading(section: EmailSection): string {
  if (section.heading === undefined) return '';
  const title = (
    <p>
      <strong>{section.heading}</strong>
    </p>
  );
  return `<hr>${String(title)}`;
}

/** The e-mail's HTML document: `subject` as its title, `body` in the applicant's language first. */
export function alertEmailHtml(subject: string, body: EmailBody): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${body.language}" dir="${direction(body.language)}">`,
    `<head><meta charset="utf-8">${String(<title>{subject}</title>)}</head>`,
    '<body>',
    ...body.sections.map((section) => `${heading(section)}${String(<Section section={section} />)}`),
    '</body>',
    '</html>',
  ].join('\n');
}
