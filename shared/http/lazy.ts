/**
 * A value built on first use, then the same value every time: `const Schema = lazy(() => z.object(…))`,
 * used as `Schema()`. The API's zod schemas are declared this way (schemas.ts) so that a cold
 * start builds none of them; a request builds the ones it validates with.
 */
export type Lazy<T> = () => T;

export function lazy<T>(build: () => T): Lazy<T> {
  let value: { readonly built: T } | undefined;
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}
