/** Every socket command, with the credential that lets a payload reach validation. */
import fc from 'fast-check';
import type { CatalogContext } from './context.ts';
import type { FuzzCommand } from './types.ts';
import {
  postFields,
  questionFields,
  postAction,
  questionAction,
  id,
  authorRuleFields,
  screenMode,
} from './fields.ts';
import { unicode } from '../arbitraries.ts';

export const commands = ({
  w,
  ids,
  freshAttendee,
  sessionId,
  moderator,
  bulkFields,
}: CatalogContext): FuzzCommand[] => [
  { name: 'post:create', fields: postFields, token: () => w().a.apiKey },
  { name: 'post:create', fields: postFields, token: () => w().attendeeA },
  {
    name: 'post:moderate',
    fields: { postId: id(() => ids().posts), action: postAction },
    token: moderator,
  },
  {
    name: 'question:create',
    fields: { ...questionFields, sessionId: id(sessionId) },
    token: freshAttendee,
  },
  ...(['question:vote', 'question:unvote'] as const).map((name) => ({
    name,
    fields: { questionId: id(() => ids().questions) },
    token: () => w().attendeeA,
  })),
  {
    name: 'question:moderate',
    fields: { questionId: id(() => ids().questions), action: questionAction },
    token: moderator,
  },
  {
    name: 'question:edit',
    fields: { questionId: id(() => ids().questions), text: unicode },
    token: moderator,
  },
  {
    name: 'question:similar',
    fields: { sessionId: id(sessionId), text: questionFields.text },
    token: () => w().attendeeA,
  },
  {
    name: 'question:merge',
    fields: { questionId: id(() => ids().questions), targetId: id(() => ids().questions) },
    token: moderator,
  },
  {
    name: 'question:unmerge',
    fields: { questionId: id(() => ids().questions) },
    token: moderator,
  },
  {
    name: 'question:withdraw',
    fields: { questionId: id(() => ids().pending) },
    token: () => ids().pendingAuthor,
  },
  {
    name: 'session:watch',
    fields: { sessionId: id(sessionId), sort: fc.constantFrom('votes', 'recent') },
    token: () => w().a.sessionSpeakerKey,
  },
  {
    name: 'session:page',
    fields: {
      sessionId: id(sessionId),
      cursor: fc.oneof(fc.constantFrom('0.1', '5', '1.2.3', ''), unicode),
      sort: fc.constantFrom('votes', 'recent'),
    },
    token: () => w().attendeeA,
  },
  { name: 'post:moderateMany', fields: bulkFields, token: moderator },
  { name: 'author:setRule', fields: authorRuleFields, token: moderator },
  {
    name: 'screen:set',
    fields: { name: fc.oneof(fc.constantFrom('main', 'Room B'), unicode), mode: screenMode },
    token: moderator,
  },
];
