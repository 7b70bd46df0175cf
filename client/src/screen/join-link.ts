/** The attendee app's tabs a join link may open on. */
export type JoinTab = 'questions';

/**
 * A join link that opens the attendee app on a tab: while a screen shows questions, a phone
 * scanning it wants the questions, not the wall.
 */
export function withTab(url: string, tab: JoinTab | null): string {
  if (!tab) return url;
  const link = new URL(url);
  link.searchParams.set('tab', tab);
  return link.toString();
}
