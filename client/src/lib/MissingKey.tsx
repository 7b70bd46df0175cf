import type { AppError } from './errors.ts';

/** Shown when a staff surface has no key, or the server refused it. */
export function MissingKey({ what, failure }: { what: string; failure?: AppError | null }) {
  return (
    <main className="page-message">
      <h1>{failure ? `This ${what} link does not work` : `This page needs a ${what} link`}</h1>
      <p>{failure ? failure.message : `Open the full ${what} link, the one that ends in #key=…`}</p>
      <p className="muted">
        The organiser has these links on the admin page and in what the server prints at start;
        moderators find speaker links in their console.
      </p>
    </main>
  );
}
