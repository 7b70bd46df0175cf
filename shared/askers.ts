/**
 * What an author is called when no name is shown, in one place for every surface (attendee app,
 * console, speaker view, screen, search, exports, report). Two cases, never mixed up:
 * an anonymous question was asked without a name on purpose and never shows one; an attendee
 * who set no display name is just "Attendee", which tells nothing about who they are either.
 */
export const ANONYMOUS_ASKER = 'Anonymous';
export const UNNAMED_ATTENDEE = 'Attendee';

/** The name under an attendee's own text: theirs, or the one word for someone without one. */
export function attendeeName(displayName: string | null | undefined): string {
  return displayName?.trim() || UNNAMED_ATTENDEE;
}

/**
 * Who asked a question, as any surface shows it. An anonymous question is "Anonymous" whatever
 * name reached the client, so a presenter slip can never turn into a name on a screen.
 */
export function askerName(question: { anonymous: boolean; authorName: string | null }): string {
  return question.anonymous ? ANONYMOUS_ASKER : attendeeName(question.authorName);
}
