/** A page that only says something: not found, or an error the applicant cannot fix. */
import { Layout } from './layout.tsx';
import type { PageContext } from './layout.tsx';

export function MessagePage(props: { page: PageContext; title: string; text: string; link?: { href: string; text: string } }) {
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      {props.link === undefined ? null : (
        <p>
          <a href={props.link.href}>{props.link.text}</a>
        </p>
      )}
    </Layout>
  );
}
