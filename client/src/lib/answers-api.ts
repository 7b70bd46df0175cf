import { api } from './api.ts';
import type { Answer, AnswerList, CreateAnswerBody } from './types.ts';

/** A question's answers and replies as the caller may see them, the accepted one first. */
export const fetchAnswers = (questionId: number, token: string | null) =>
  api<AnswerList>(`/api/questions/${questionId}/answers`, { token });

/** Staff answer (markAnswered: accept it and mark the question answered); attendees reply. */
export const postAnswer = (questionId: number, token: string, body: CreateAnswerBody) =>
  api<Answer>(`/api/questions/${questionId}/answers`, { method: 'POST', token, body });

export const editAnswer = (answerId: number, token: string, text: string) =>
  api<Answer>(`/api/answers/${answerId}`, { method: 'PATCH', token, body: { text } });

export const acceptAnswer = (answerId: number, token: string) =>
  api<Answer>(`/api/answers/${answerId}/accept`, { method: 'POST', token });

export const moderateAnswer = (answerId: number, token: string, action: 'approve' | 'reject') =>
  api<Answer>(`/api/answers/${answerId}/moderation`, { method: 'POST', token, body: { action } });
