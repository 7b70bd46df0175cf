/**
 * An event's record with every kind of item the archive must and must not show: approved and
 * held posts and questions, answers and replies in every status, withdrawn items, an anonymous
 * question whose asker chose to be named, and an attendee who did not choose to be. Every text
 * holds the word "zebra", so one public search meets them all.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../../server/auth/principal.ts';
import type { CreateEventBody } from '../../../shared/schemas/events.ts';
import { joinAttendee, seedEvent, type SeededEvent } from '../../helper.ts';

/** Texts that must appear in the archive. */
export const SHOWN = {
  post: 'Zebra crossing notes https://example.org/slides #rustlang',
  otherPost: 'Also about zebra: https://example.org/slides.',
  question: 'How do zebra stripes scale?',
  answer: 'Zebra stripes scale by stripe sharding.',
  reply: 'A zebra reply from the floor',
  anonymous: 'Anonymous zebra question',
};

/** Texts that must never appear: held, refused, taken down or withdrawn. */
export const HIDDEN = {
  pendingPost: 'PENDINGPOST zebra',
  rejectedPost: 'REJECTEDPOST zebra',
  hiddenPost: 'HIDDENPOST zebra',
  withdrawnPost: 'WITHDRAWNPOST zebra',
  pendingQuestion: 'PENDINGQUESTION zebra?',
  dismissedQuestion: 'DISMISSEDQUESTION zebra?',
  withdrawnQuestion: 'WITHDRAWNQUESTION zebra?',
  answerOfWithdrawn: 'ANSWEROFWITHDRAWN zebra',
  pendingReply: 'PENDINGREPLY zebra',
  rejectedReply: 'REJECTEDREPLY zebra',
  withdrawnAnswer: 'WITHDRAWNANSWER zebra',
};

/** Names that must never appear: not opted in, or asking anonymously. */
export const UNNAMED = { shy: 'Shyhal Quietly', anonymous: 'Secretsam Masked' };
export const NAMED = 'Nora Named';

/** Hostile text for the XSS tests of the archive's pages and feeds. */
export const PAYLOADS = {
  script: '<script>alert("xss")</script>',
  img: '<img src=x onerror=alert(1)>',
  attr: '" onmouseover="alert(2)" x="',
  link: 'see javascript:alert(3) and https://example.org/"><script>alert(4)</script>',
  entity: '&lt;b&gt; &amp; ]]> <![CDATA[x]]>',
};

export interface ArchiveRecord {
  event: SeededEvent;
  ids: { post: number; question: number; answer: number; reply: number; withdrawnPost: number };
}

export function seedArchive(
  app: FastifyInstance,
  overrides: Partial<CreateEventBody> = {},
  session: { title?: string; speaker?: string } = {},
): ArchiveRecord {
  const event = seedEvent(app, {
    name: 'Archive Conf',
    code: `ARC${Math.floor(Math.random() * 1e6)}`,
    settings: { postModeration: 'pre', questionModeration: 'pre', archive: 'now' },
    timeZone: 'Europe/Berlin',
    ...overrides,
  });
  const moderator: Principal = { kind: 'moderator', eventId: event.eventId };
  app.domain.sessions.update(moderator, event.sessionId, {
    title: session.title ?? 'Zebra scaling keynote',
    speaker: session.speaker ?? 'Dr. Speaker',
    startsAt: '2026-05-04T07:30:00.000Z',
    endsAt: '2026-05-04T08:15:00.000Z',
    tag: 'zebrascale',
  });
  const who = (token: string) => app.domain.resolvePrincipal(token)!;
  const nora = joinAttendee(app, event.eventId, NAMED);
  const shy = joinAttendee(app, event.eventId, UNNAMED.shy);
  const sam = joinAttendee(app, event.eventId, UNNAMED.anonymous);
  app.domain.archive.setNamed(who(nora.token), event.eventId, true);
  // Sam chose to be named, and still asks anonymously: the question must not name Sam.
  app.domain.archive.setNamed(who(sam.token), event.eventId, true);

  // Each post by a fresh attendee (posting is rate limited per attendee); named ones opted in.
  const post = (text: string, name = NAMED) => {
    const author = joinAttendee(app, event.eventId, name);
    if (name === NAMED) app.domain.archive.setNamed(who(author.token), event.eventId, true);
    return app.domain.posts.create(who(author.token), event.eventId, { text }).post.id;
  };
  const approvedPost = post(SHOWN.post);
  const otherPost = post(SHOWN.otherPost, UNNAMED.shy);
  const pendingPost = post(HIDDEN.pendingPost);
  const rejectedPost = post(HIDDEN.rejectedPost);
  const hiddenPost = post(HIDDEN.hiddenPost);
  const withdrawnPost = post(HIDDEN.withdrawnPost);
  void pendingPost;
  for (const id of [approvedPost, otherPost, hiddenPost, withdrawnPost])
    app.domain.posts.moderate(moderator, id, 'approve');
  app.domain.posts.moderate(moderator, rejectedPost, 'reject');
  app.domain.posts.moderate(moderator, hiddenPost, 'hide');

  const ask = (token: string, text: string, anonymous = false) =>
    app.domain.questions.create(who(token), event.sessionId, { text, anonymous }).question.id;
  const question = ask(nora.token, SHOWN.question);
  const anonymous = ask(sam.token, SHOWN.anonymous, true);
  ask(shy.token, HIDDEN.pendingQuestion);
  const dismissed = ask(shy.token, HIDDEN.dismissedQuestion);
  const withdrawnQuestion = ask(nora.token, HIDDEN.withdrawnQuestion);
  for (const id of [question, anonymous, withdrawnQuestion])
    app.domain.questions.moderate(moderator, id, 'approve');
  app.domain.questions.moderate(moderator, dismissed, 'dismiss');

  const speaker = who(event.sessionSpeakerKey);
  const answer = (principal: Principal, questionId: number, text: string, markAnswered = false) =>
    app.domain.answers.create(principal, questionId, { text, markAnswered }).answer.id;
  const answerId = answer(speaker, question, SHOWN.answer, true);
  const reply = answer(who(shy.token), question, SHOWN.reply);
  const pendingReply = answer(who(shy.token), question, HIDDEN.pendingReply);
  const rejectedReply = answer(who(nora.token), question, HIDDEN.rejectedReply);
  const withdrawnAnswer = answer(moderator, question, HIDDEN.withdrawnAnswer);
  answer(speaker, withdrawnQuestion, HIDDEN.answerOfWithdrawn, true);
  void pendingReply;
  app.domain.answers.moderate(moderator, reply, 'approve');
  app.domain.answers.moderate(moderator, rejectedReply, 'reject');

  app.domain.archive.setWithdrawn(moderator, event.eventId, {
    kind: 'post',
    id: withdrawnPost,
    withdrawn: true,
  });
  app.domain.archive.setWithdrawn(moderator, event.eventId, {
    kind: 'question',
    id: withdrawnQuestion,
    withdrawn: true,
  });
  app.domain.archive.setWithdrawn(moderator, event.eventId, {
    kind: 'answer',
    id: withdrawnAnswer,
    withdrawn: true,
  });
  return {
    event,
    ids: { post: approvedPost, question, answer: answerId, reply, withdrawnPost },
  };
}
