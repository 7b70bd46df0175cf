import { isReservedName } from '../../shared/names.ts';
import { LIMITS } from '../../shared/limits.ts';
import { personLink, speakerSlug } from '../../shared/people.ts';
import type {
  PeopleList,
  PersonDetail,
  PersonSummary,
  Profile,
  ProfileBody,
} from '../../shared/schemas/people.ts';
import { extractHashtags } from '../../shared/text.ts';
import { requireAttendee } from '../auth/guards.ts';
import type { Principal } from '../auth/principal.ts';
import type { DomainDeps } from '../context.ts';
import type { EventRow } from '../events/repository.ts';
import { badRequest, conflict, notFound } from '../lib/errors.ts';
import { parseJsonArray } from '../lib/json.ts';
import { refuseIfBlocked } from '../moderation/authors.ts';
import type { Counted } from './digest.ts';
import { FILES } from './html/pages.ts';
import {
  type AttendeeProfileRow,
  type ListedAttendee,
  type PersonAnswer,
  type TaggedText,
} from './people-repository.ts';
import type { ArchiveSession } from './repository.ts';
import type { ArchiveService } from './service.ts';

/** A speaker: every session whose speaker reads the same (shared/people.ts speakerSlug). */
interface Speaker {
  kind: 'speaker';
  id: string;
  name: string;
  sessions: ArchiveSession[];
}

/** A person's pages: their questions, answers and posts are paged side by side. */
function pagesOf({ counts }: PersonSummary): number {
  const per = LIMITS.archive.personPerPage;
  return Math.max(
    1,
    ...[counts.questions, counts.answers, counts.posts].map((n) => Math.ceil(n / per)),
  );
}

type Person = Speaker | { kind: 'attendee'; id: string; row: ListedAttendee };

/**
 * The archive's people (issue 14, "who knows what"): speakers with their sessions and answers,
 * and attendees who chose to be named, with what they asked under their name, answered and
 * posted, and on which topics. Everything is read through the archive's public rule; an
 * attendee who did not choose to be named is never a person here, and an anonymous question is
 * never on anyone's page nor in any count. Also the attendee's own profile (affiliation, link).
 */
export function createPeopleService({ repos }: Pick<DomainDeps, 'repos'>, archive: ArchiveService) {
  const people = repos.people;

  function speakers(event: EventRow): Speaker[] {
    const found = new Map<string, Speaker>();
    for (const session of archive.repository.sessions(event.id)) {
      const name = session.speaker?.trim();
      if (!name) continue;
      const id = speakerSlug(name);
      const speaker = found.get(id) ?? { kind: 'speaker', id, name, sessions: [] };
      speaker.sessions.push(session);
      found.set(id, speaker);
    }
    return [...found.values()];
  }

  function summary(person: Person): PersonSummary {
    if (person.kind === 'speaker') {
      const counts = people.speakerCounts(person.sessions.map((s) => s.id));
      return {
        id: person.id,
        name: person.name,
        role: 'speaker',
        affiliation: null,
        link: null,
        counts: { sessions: person.sessions.length, questions: 0, posts: 0, ...counts },
        href: FILES.person(person.id),
      };
    }
    const { row } = person;
    return {
      id: row.public_id,
      name: row.display_name,
      role: 'attendee',
      affiliation: row.affiliation,
      link: row.link,
      counts: {
        sessions: 0,
        questions: row.questions,
        answers: row.answers,
        accepted: row.accepted,
        posts: row.posts,
      },
      href: FILES.person(row.public_id),
    };
  }

  /** Speakers in session order, then listed attendees who know most first. */
  function everyone(event: EventRow): Person[] {
    const attendees = people
      .attendees(event.id)
      .map((row): Person => ({ kind: 'attendee', id: row.public_id, row }));
    return [...speakers(event), ...attendees].slice(0, LIMITS.archive.people);
  }

  function find(event: EventRow, id: string): Person {
    const speaker = speakers(event).find((s) => s.id === id);
    if (speaker) return speaker;
    const row = people.attendee(event.id, id);
    if (row) return { kind: 'attendee', id, row };
    throw notFound('not_found', `No person ${id} in the archive`);
  }

  function topicsOf(event: EventRow, person: Person): Counted[] {
    const ignored = new Set(
      [...parseJsonArray(event.hashtags), event.question_tag].map((t) => t.toLowerCase()),
    );
    const counts = new Map<string, number>();
    const count = (tags: Iterable<string>) => {
      for (const tag of new Set(tags))
        if (!ignored.has(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    };
    const tagsOf = (item: TaggedText) => [
      ...extractHashtags(item.text),
      ...(item.extra ? extractHashtags(item.extra) : []),
      ...(item.session_tag ? [item.session_tag.toLowerCase()] : []),
    ];
    if (person.kind === 'speaker') {
      for (const session of person.sessions) if (session.tag) count([session.tag.toLowerCase()]);
      for (const item of people.speakerTexts(person.sessions.map((s) => s.id))) count(tagsOf(item));
    } else {
      for (const item of people.attendeeTexts(person.row.id)) count(tagsOf(item));
    }
    return [...counts]
      .map(([key, n]) => ({ key, count: n }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, LIMITS.archive.personTopics);
  }

  function presentAnswer(event: EventRow, answer: PersonAnswer): PersonDetail['answers'][number] {
    return {
      id: answer.id,
      questionId: answer.question_id,
      sessionId: answer.session_id,
      kind: answer.kind,
      accepted: answer.accepted === 1,
      text: answer.text,
      question: answer.question_text,
      createdAt: answer.created_at,
      href: archive.locate(event, {
        kind: answer.kind,
        id: answer.id,
        questionId: answer.question_id,
      }),
    };
  }

  function detail(event: EventRow, person: Person, page: number): PersonDetail {
    const shown = summary(person);
    const per = LIMITS.archive.personPerPage;
    const pages = pagesOf(shown);
    if (page > pages) throw notFound('not_found', `No page ${page}`);
    const topics = topicsOf(event, person).map((t) => ({ tag: t.key, count: t.count }));
    if (person.kind === 'speaker') {
      const ids = person.sessions.map((s) => s.id);
      return {
        person: shown,
        page,
        pages,
        topics,
        sessions: person.sessions.slice(0, per).map((s) => ({
          id: s.id,
          title: s.title,
          room: s.room,
          startsAt: s.starts_at,
          href: FILES.session(s.id),
        })),
        questions: [],
        answers: people.speakerAnswers(ids, page).map((a) => presentAnswer(event, a)),
        posts: [],
      };
    }
    const attendeeId = person.row.id;
    return {
      person: shown,
      page,
      pages,
      topics,
      sessions: [],
      questions: people.questions(attendeeId, page).map((q) => ({
        id: q.id,
        sessionId: q.session_id,
        text: q.text,
        votes: q.votes,
        answered: q.status === 'answered',
        createdAt: q.created_at,
        href: archive.locate(event, { kind: 'question', id: q.id, questionId: null }),
      })),
      answers: people.answers(attendeeId, page).map((a) => presentAnswer(event, a)),
      posts: people.posts(attendeeId, page).map((p) => ({
        id: p.id,
        text: p.text,
        createdAt: p.created_at,
        href: archive.locate(event, { kind: 'post', id: p.id, questionId: null }),
      })),
    };
  }

  function presentProfile(row: AttendeeProfileRow): Profile {
    return {
      named: row.archive_named === 1,
      affiliation: row.affiliation,
      link: row.link,
      person: row.archive_named === 1 ? row.public_id : null,
    };
  }

  return {
    /** One page of the event's people: speakers first, then named attendees. */
    list(event: EventRow, page: number): PeopleList {
      const all = everyone(event);
      const per = LIMITS.archive.peoplePerPage;
      const pages = Math.max(1, Math.ceil(all.length / per));
      if (page > pages) throw notFound('not_found', `No page ${page}`);
      return {
        page,
        pages,
        total: all.length,
        people: all.slice((page - 1) * per, page * per).map(summary),
      };
    },

    /** A person's page; 404 not_found for anyone the archive does not list. */
    person: (event: EventRow, id: string, page: number): PersonDetail =>
      detail(event, find(event, id), page),

    /** Every person's id and topics, for the static export (what it must write). */
    *all(event: EventRow): Generator<{ id: string; pages: number; topics: string[] }> {
      for (const person of everyone(event)) {
        const pages = pagesOf(summary(person));
        yield { id: person.id, pages, topics: topicsOf(event, person).map((t) => t.key) };
      }
    },

    /** The calling attendee's profile in the archive. */
    profile(principal: Principal, eventId: number): Profile {
      const { attendee } = requireAttendee(principal, eventId);
      return presentProfile(people.profile(attendee.id)!);
    },

    /**
     * An attendee sets their affiliation and link: only once they chose to be named (409
     * not_listed), not when blocked (403), not imitating staff (400 name_reserved), and the link
     * an https address (400 link_invalid). An empty value clears it.
     */
    setProfile(principal: Principal, eventId: number, body: ProfileBody): Profile {
      const { attendee } = requireAttendee(principal, eventId);
      refuseIfBlocked(repos.authors, attendee.event_id, attendee.id);
      const row = people.profile(attendee.id)!;
      if (row.archive_named !== 1)
        throw conflict(
          'not_listed',
          'Choose to be named in the archive first: only then are you listed there',
        );
      const affiliation = body.affiliation || null;
      if (affiliation && isReservedName(affiliation, repos.events.findById(eventId)?.name))
        throw badRequest('name_reserved', 'That affiliation reads like staff or the event');
      let link: string | null = null;
      if (body.link !== null && body.link.trim() !== '') {
        link = personLink(body.link);
        if (!link) throw badRequest('link_invalid', 'The link must be an https:// web address');
      }
      people.setProfile(attendee.id, affiliation, link);
      return presentProfile(people.profile(attendee.id)!);
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
