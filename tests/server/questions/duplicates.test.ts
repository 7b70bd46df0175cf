import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergeResult, SimilarQuestions } from '../../../shared/schemas/duplicates.ts';
import {
  apiCaller,
  build,
  joinAttendee,
  listen,
  nextEvent,
  request,
  seedEvent,
  seedSession,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url, code: event.code }));
let event: SeededEvent;

const api = apiCaller(() => t.app);
const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  token?: string,
  body?: object,
) => api(method, path, { token, body });

const principal = (token: string) => t.app.domain.resolvePrincipal(token)!;

function ask(text: string, opts: { anonymous?: boolean; sessionId?: number; name?: string } = {}) {
  const { token, attendeeId } = joinAttendee(t.app, event.eventId, opts.name ?? 'Asker');
  const { question } = t.app.domain.questions.create(
    principal(token),
    opts.sessionId ?? event.sessionId,
    { text, anonymous: opts.anonymous },
  );
  return { id: question.id, token, attendeeId };
}

function voter() {
  return joinAttendee(t.app, event.eventId, null).token;
}
const vote = (token: string, questionId: number) =>
  t.app.domain.questions.vote(principal(token), questionId, true);
const votesOf = (id: number) => t.app.domain.repos.questions.findById(id)!.votes;
const voteRows = (id: number) =>
  t.app.db
    .prepare(
      'SELECT attendee_id, held, created_at FROM votes WHERE question_id = ? ORDER BY attendee_id',
    )
    .all(id);

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  event = seedEvent(t.app, { settings: { postModeration: 'post', questionModeration: 'post' } });
});
afterAll(() => t.close());

describe('GET /api/sessions/:sessionId/questions/similar', () => {
  it('offers the live questions that ask the same, most alike first, at most three', async () => {
    const scale = ask('How do you scale Postgres reads under heavy load?');
    ask('Will the slides be available after the talk?');
    const writes = ask('How do you scale Postgres writes?');
    const res = await call(
      'GET',
      `/sessions/${event.sessionId}/questions/similar?text=${encodeURIComponent('how do u scale postgres reads under load')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as SimilarQuestions;
    expect(body.suggestions.length).toBeLessThanOrEqual(3);
    expect(body.suggestions[0]!.question.id).toBe(scale.id);
    expect(body.suggestions[0]!.score).toBeGreaterThanOrEqual(0.6);
    // A near miss asking about writes is not offered.
    expect(body.suggestions.map((s) => s.question.id)).not.toContain(writes.id);
  });

  it('never offers held, dismissed or another session’s questions, nor the caller’s own', async () => {
    const held = ask('What is the memory footprint of the Wasm runtime?');
    t.app.domain.questions.moderate(
      { kind: 'moderator', eventId: event.eventId },
      held.id,
      'dismiss',
    );
    const other = seedSession(t.app, event.eventId, { title: 'Other', room: 'Room B', live: true });
    ask('What is the memory footprint of the Wasm runtime?', { sessionId: other.sessionId });
    const mine = ask('How big is the memory footprint of the Wasm runtime?');
    const res = await call(
      'GET',
      `/sessions/${event.sessionId}/questions/similar?text=${encodeURIComponent('memory footprint of the Wasm runtime')}`,
      mine.token,
    );
    expect(res.json()).toEqual({ suggestions: [], myVotes: [] });
    const someoneElse = await call(
      'GET',
      `/sessions/${event.sessionId}/questions/similar?text=${encodeURIComponent('memory footprint of the Wasm runtime')}`,
    );
    expect(
      someoneElse.json().suggestions.map((s: { question: { id: number } }) => s.question.id),
    ).toEqual([mine.id]);
  });

  it('never names an anonymous asker, and tells the caller which they voted for', async () => {
    const anon = ask('Does the tracing agent add overhead in production?', {
      anonymous: true,
      name: 'Secret Name',
    });
    const token = voter();
    vote(token, anon.id);
    const res = await call(
      'GET',
      `/sessions/${event.sessionId}/questions/similar?text=${encodeURIComponent('overhead of the tracing agent in production')}`,
      token,
    );
    const body = res.json() as SimilarQuestions;
    expect(body.suggestions[0]!.question).toMatchObject({
      id: anon.id,
      anonymous: true,
      authorName: null,
    });
    expect(body.myVotes).toEqual([anon.id]);
    expect(res.body).not.toContain('Secret Name');
  });

  it('refuses text that is too short or missing with validation_failed, and an unknown session', async () => {
    const short = await call('GET', `/sessions/${event.sessionId}/questions/similar?text=a`);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.id).toBe('validation_failed');
    expect((await call('GET', `/sessions/${event.sessionId}/questions/similar`)).statusCode).toBe(
      400,
    );
    const missing = await call('GET', `/sessions/999999/questions/similar?text=anything%20here`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('session_not_found');
  });

  it('follows the event’s threshold setting, which a moderator sets within its range', async () => {
    const typed = encodeURIComponent('What happens when you scale past 1 million users?');
    const asked = 'How does this scale beyond a million users?';
    const suggested = async (on: SeededEvent) => {
      const res = await call('GET', `/sessions/${on.sessionId}/questions/similar?text=${typed}`);
      return (res.json() as SimilarQuestions).suggestions.length;
    };
    const strict = seedEvent(t.app, { settings: { duplicateThreshold: 0.9 } });
    const lenient = seedEvent(t.app);
    for (const on of [strict, lenient]) {
      const { token } = joinAttendee(t.app, on.eventId, 'Asker');
      t.app.domain.questions.create(principal(token), on.sessionId, { text: asked });
    }
    expect([await suggested(strict), await suggested(lenient)]).toEqual([0, 1]);

    const patched = await call('PATCH', `/events/${strict.eventId}`, strict.moderatorKey, {
      settings: { duplicateThreshold: 0.5 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().settings.duplicateThreshold).toBe(0.5);
    expect(await suggested(strict)).toBe(1);
    const outOfRange = await call('PATCH', `/events/${strict.eventId}`, strict.moderatorKey, {
      settings: { duplicateThreshold: 0.95 },
    });
    expect([outOfRange.statusCode, outOfRange.json().error.id]).toEqual([400, 'validation_failed']);
    expect(t.app.domain.repos.events.findById(strict.eventId)!.duplicate_threshold).toBe(0.5);
  });
});

describe('merging duplicates', () => {
  it('combines the votes, counting an attendee who voted for both once, and unmerges exactly', async () => {
    const target = ask('How do you handle GDPR requests to delete user data?');
    const duplicate = ask('How do you deal with GDPR deletion requests for user data?');
    const both = voter();
    const onlyTarget = voter();
    const onlyDuplicate = [voter(), voter()];
    for (const token of [both, onlyTarget]) vote(token, target.id);
    for (const token of [both, ...onlyDuplicate]) vote(token, duplicate.id);
    expect([votesOf(target.id), votesOf(duplicate.id)]).toEqual([2, 3]);
    const rowsBefore = { target: voteRows(target.id), duplicate: voteRows(duplicate.id) };

    const merged = await call('POST', `/questions/${duplicate.id}/merge`, event.moderatorKey, {
      targetId: target.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const result = merged.json() as MergeResult;
    // 2 on the target + 2 who voted for the duplicate only; `both` once.
    expect(result.target).toMatchObject({ id: target.id, votes: 4, status: 'approved' });
    expect(result.duplicate).toMatchObject({
      id: duplicate.id,
      status: 'dismissed',
      mergedInto: target.id,
    });
    expect(votesOf(target.id)).toBe(4);
    // Voting again for the target from the duplicate's voter changes nothing.
    expect(vote(onlyDuplicate[0]!, target.id)).toMatchObject({ voted: true, votes: 4 });

    const undone = await call('DELETE', `/questions/${duplicate.id}/merge`, event.moderatorKey);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({
      duplicate: { id: duplicate.id, status: 'approved', mergedInto: null, votes: 3 },
      target: { id: target.id, votes: 2 },
    });
    expect({ target: voteRows(target.id), duplicate: voteRows(duplicate.id) }).toEqual(rowsBefore);
  });

  it('keeps a vote cast on the target after the merge when it is undone', async () => {
    const target = ask('Is the code open source?');
    const duplicate = ask('Will you open source the code?');
    vote(voter(), duplicate.id);
    t.app.domain.merges.merge(
      { kind: 'moderator', eventId: event.eventId },
      duplicate.id,
      target.id,
    );
    const late = voter();
    vote(late, target.id);
    expect(votesOf(target.id)).toBe(2);
    t.app.domain.merges.unmerge({ kind: 'moderator', eventId: event.eventId }, duplicate.id);
    expect([votesOf(target.id), votesOf(duplicate.id)]).toEqual([1, 1]);
  });

  it('logs merge and unmerge without naming an anonymous asker, and exports the link', async () => {
    const target = ask('Will the recording be on YouTube?');
    const duplicate = ask('Is this talk recorded and posted on YouTube?', {
      anonymous: true,
      name: 'Hidden Person',
    });
    await call('POST', `/questions/${duplicate.id}/merge`, event.moderatorKey, {
      targetId: target.id,
    });
    const log = await call('GET', `/events/${event.eventId}/moderation/log`, event.moderatorKey);
    expect(log.statusCode, log.body).toBe(200);
    const entry = log
      .json()
      .entries.find(
        (e: { action: string; itemId: number }) =>
          e.action === 'question_merge' && e.itemId === duplicate.id,
      );
    expect(entry.detail).toMatchObject({ into: target.id, from: 'approved' });
    const json = await call('GET', `/events/${event.eventId}/export.json`, event.moderatorKey);
    const exported = json.json().questions.find((q: { id: number }) => q.id === duplicate.id);
    expect(exported).toMatchObject({ mergedInto: target.id, author: null, status: 'dismissed' });
    const csv = await call(
      'GET',
      `/events/${event.eventId}/export/questions.csv`,
      event.moderatorKey,
    );
    expect(csv.body.split('\r\n').find((line) => line.startsWith(`${duplicate.id},`))).toContain(
      `,${target.id},`,
    );
    for (const body of [log.body, json.body, csv.body]) expect(body).not.toContain('Hidden Person');
  });

  it('refuses what cannot merge with a stable error and changes nothing', async () => {
    const a = ask('How do you run LLM evaluations in CI?');
    const b = ask('Do you run your LLM evals as part of CI?');
    const other = seedSession(t.app, event.eventId, {
      title: 'Elsewhere',
      room: 'Room C',
      live: true,
    });
    const far = ask('Do you run LLM evals in CI?', { sessionId: other.sessionId });
    const cases: Array<[number, object, number, string]> = [
      [a.id, { targetId: a.id }, 400, 'invalid_merge'],
      [a.id, { targetId: far.id }, 400, 'invalid_merge'],
      [a.id, { targetId: 99999999 }, 404, 'question_not_found'],
      [a.id, {}, 400, 'validation_failed'],
    ];
    for (const [id, body, status, error] of cases) {
      const res = await call('POST', `/questions/${id}/merge`, event.moderatorKey, body);
      expect([res.statusCode, res.json().error.id]).toEqual([status, error]);
    }
    await call('POST', `/questions/${b.id}/merge`, event.moderatorKey, { targetId: a.id });
    const again = await call('POST', `/questions/${b.id}/merge`, event.moderatorKey, {
      targetId: a.id,
    });
    expect([again.statusCode, again.json().error.id]).toEqual([409, 'question_merged']);
    const intoMerged = await call('POST', `/questions/${a.id}/merge`, event.moderatorKey, {
      targetId: b.id,
    });
    expect([intoMerged.statusCode, intoMerged.json().error.id]).toEqual([409, 'question_merged']);
    const restore = await call('POST', `/questions/${b.id}/moderation`, event.moderatorKey, {
      action: 'restore',
    });
    expect([restore.statusCode, restore.json().error.id]).toEqual([409, 'question_merged']);
    const notMerged = await call('DELETE', `/questions/${a.id}/merge`, event.moderatorKey);
    expect([notMerged.statusCode, notMerged.json().error.id]).toEqual([409, 'invalid_merge']);
    expect(t.app.domain.repos.questions.findById(a.id)!.merged_into).toBeNull();
  });

  it('is for moderators: attendees, speakers and other events are refused', async () => {
    const a = ask('How do you secure Kubernetes clusters?');
    const b = ask('how do u secure kubernets clusters');
    const elsewhere = seedEvent(t.app);
    for (const [token, status] of [
      [undefined, 401],
      [a.token, 403],
      [event.sessionSpeakerKey, 403],
      [elsewhere.moderatorKey, 403],
    ] as const) {
      const res = await call('POST', `/questions/${b.id}/merge`, token, { targetId: a.id });
      expect(res.statusCode).toBe(status);
      const undo = await call('DELETE', `/questions/${b.id}/merge`, token);
      expect(undo.statusCode).toBe(status);
    }
    expect(t.app.domain.repos.questions.findById(b.id)!.merged_into).toBeNull();
  });
});

describe('question:similar, question:merge and question:unmerge over sockets', () => {
  it('merges from a console; the audience drops the duplicate and sees the new count; the asker sees it merged', async () => {
    const target = ask('What monitoring tools do you recommend?');
    const duplicate = ask('wich monitoring tool do you recomend');
    const both = voter();
    vote(both, target.id);
    vote(both, duplicate.id);
    vote(voter(), duplicate.id);
    const moderator = await clients.moderator(event.moderatorKey);
    const audience = await clients.attendee(voter());
    await request(audience.socket, 'session:watch', { sessionId: event.sessionId });
    const asker = await clients.attendee(duplicate.token);

    const suggested = await request(audience.socket, 'question:similar', {
      sessionId: event.sessionId,
      text: 'Which monitoring tools would you recommend?',
    });
    expect(suggested.data!.suggestions.map((s) => s.question.id)).toContain(target.id);

    const removed = nextEvent(audience.socket, 'question:removed', (r) => r.id === duplicate.id);
    const counted = nextEvent(audience.socket, 'question:updated', (q) => q.id === target.id);
    const askerSees = nextEvent(asker.socket, 'question:updated', (q) => q.id === duplicate.id);
    const ack = await request(moderator.socket, 'question:merge', {
      questionId: duplicate.id,
      targetId: target.id,
    });
    expect(ack.data!.target.votes).toBe(2);
    expect(await removed).toEqual({ id: duplicate.id, sessionId: event.sessionId });
    expect((await counted).votes).toBe(2);
    expect(await askerSees).toMatchObject({ mergedInto: target.id, status: 'dismissed' });

    const back = nextEvent(audience.socket, 'question:updated', (q) => q.id === duplicate.id);
    const unmerged = await request(moderator.socket, 'question:unmerge', {
      questionId: duplicate.id,
    });
    expect(unmerged.data).toMatchObject({ duplicate: { votes: 2 }, target: { votes: 1 } });
    expect(await back).toMatchObject({ id: duplicate.id, status: 'approved', mergedInto: null });

    const refused = await request(audience.socket, 'question:merge', {
      questionId: duplicate.id,
      targetId: target.id,
    });
    expect(refused.error!.id).toBe('forbidden');
    const bad = await request(audience.socket, 'question:similar', {
      sessionId: event.sessionId,
    } as never);
    expect(bad.error!.id).toBe('validation_failed');
  });
});
