/** Answer rules free of zod, so the client imports them too. */

export const ANSWER_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** Whether the public (attendees, screens, the archive) may see an answer or reply. */
export function isAnswerPublic(answer: { status: AnswerStatus }): boolean {
  return answer.status === 'approved';
}
