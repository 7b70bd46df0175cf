import type { ReactNode } from 'react';

/** A calm full-area message for a mode with nothing to show yet; never an error on a projector. */
export function ScreenNotice({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="screen-empty" data-testid={testId}>
      <p className="screen-empty-title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}
