import { useState } from 'react';

/** The organiser's logo; one that fails to load leaves the event name alone, not a broken image. */
export function EventLogo({
  url,
  className,
  testId,
}: {
  url: string | null;
  className: string;
  testId: string;
}) {
  return url ? <Logo key={url} url={url} className={className} testId={testId} /> : null;
}

function Logo({ url, className, testId }: { url: string; className: string; testId: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <img
      className={className}
      src={url}
      alt=""
      referrerPolicy="no-referrer"
      data-testid={testId}
      onError={() => setFailed(true)}
    />
  );
}
