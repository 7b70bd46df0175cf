/** Under a form: why the last save failed, or that it worked. */
export function SaveStatus({
  error,
  saved,
  savedText = 'Saved.',
}: {
  error: string | null;
  saved: boolean;
  savedText?: string;
}) {
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="notice" role="status">
          {savedText}
        </p>
      )}
    </>
  );
}
