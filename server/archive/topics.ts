import { byKnowledge, knowledgeScore, speakerSlug } from '../../shared/people.ts';
import { extractHashtags } from '../../shared/text.ts';
import { TOPIC_LIMITS } from '../../shared/limits.ts';
import type { Expert, TopicPeople } from '../../shared/schemas/topics.ts';
import type { DomainDeps } from '../context.ts';
import type { EventRow } from '../events/repository.ts';
import { notFound } from '../lib/errors.ts';
import type { ArchiveAnswer, ArchivePost, ArchiveQuestion } from './repository.ts';
import type { ArchiveService } from './service.ts';
import type { TopicAnswer } from './topics-repository.ts';

export interface TopicPageData {
  tag: string;
  page: number;
  pages: number;
  questions: Array<{ question: ArchiveQuestion; answers: ArchiveAnswer[] }>;
  /** Public answers and replies that carry the hashtag on a question outside the topic. */
  answers: ArchiveAnswer[];
  posts: ArchivePost[];
  people: Expert[];
  /** Public names of those who asked or posted under the topic (answerers are in `people`). */
  voices: Array<{ name: string; person: string | null }>;
}

const has = (text: string, tag: string) => extractHashtags(text).includes(tag);
const sessionHas = (sessionTag: string | null, tag: string) =>
  sessionTag !== null && sessionTag.toLowerCase() === tag;

/**
 * Topics of the public archive (issue 14, "who knows what"): a session's tag applies to its
 * questions and their answers; a hashtag applies to the post, question or answer that carries it
 * (and a question's to its answers). Reads only public items through the archive's public rule.
 */
export function createTopicService({ repos }: Pick<DomainDeps, 'repos'>, archive: ArchiveService) {
  const topics = repos.topics;

  function answersUnder(eventId: number, tag: string): TopicAnswer[] {
    return topics
      .answers(eventId, tag)
      .filter(
        (a) => sessionHas(a.session_tag, tag) || has(a.question_text, tag) || has(a.text, tag),
      );
  }

  /**
   * "Who knows about X": each public answer or reply under the topic counts for whoever may be
   * named for it, an accepted one ACCEPTED_WEIGHT times (shared/people.ts byKnowledge).
   */
  function rank(answers: TopicAnswer[]): Expert[] {
    const people = new Map<string, Expert>();
    for (const answer of answers) {
      const person = whoAnswered(answer);
      if (!person) continue;
      const entry = people.get(person.key) ?? {
        ...person.expert,
        score: 0,
        accepted: 0,
        answers: 0,
      };
      entry.answers += 1;
      if (answer.accepted === 1) entry.accepted += 1;
      entry.score = knowledgeScore(entry);
      people.set(person.key, entry);
    }
    return [...people.values()].sort(byKnowledge).slice(0, TOPIC_LIMITS.people);
  }

  return {
    /** "Who knows about X"; 404 when the archive is not open (through openEvent). */
    people(event: EventRow, tag: string): TopicPeople {
      return { tag, people: rank(answersUnder(event.id, tag)) };
    },

    page(event: EventRow, tag: string, page: number): TopicPageData {
      const size = TOPIC_LIMITS.perPage;
      const questions = topics
        .questions(event.id, tag)
        .filter((q) => sessionHas(q.session_tag, tag) || has(q.text, tag));
      const inTopic = new Set(questions.map((q) => q.id));
      const answers = answersUnder(event.id, tag);
      const elsewhere = answers.filter((a) => !inTopic.has(a.question_id));
      const posts = topics.posts(event.id, tag).filter((p) => has(p.text, tag));
      const pages = Math.max(
        1,
        ...[questions, elsewhere, posts].map((list) => Math.ceil(list.length / size)),
      );
      if (page > pages) throw notFound('not_found', `No page ${page}`);
      const cut = <T>(list: T[]) => list.slice((page - 1) * size, page * size);
      // One entry per listed person (by their page), else per public name.
      const voices = new Map<string, { name: string; person: string | null }>();
      for (const item of [...questions, ...posts])
        if (item.author)
          voices.set(item.person ? `person:${item.person}` : `name:${item.author}`, {
            name: item.author,
            person: item.person,
          });
      return {
        tag,
        page,
        pages,
        questions: cut(questions).map((question) => ({
          question,
          answers: archive.repository.answers(question.id),
        })),
        answers: cut(elsewhere),
        posts: cut(posts),
        people: rank(answers),
        voices: [...voices.values()]
          .sort((a, b) => a.name.localeCompare(b.name))
          .slice(0, TOPIC_LIMITS.voices),
      };
    },
  };
}

/**
 * Who gets the credit for an answer, if they may be named: a speaker's answer counts for the
 * session's speaker, an organiser's for the organiser; an attendee's only when they chose to be
 * named (the public author column is null otherwise).
 */
function whoAnswered(
  answer: TopicAnswer,
): { key: string; expert: Pick<Expert, 'name' | 'role' | 'person'> } | null {
  if (answer.author_role === 'speaker') {
    // The session's speaker, as their page names them (people.ts): one person per slug.
    const named = answer.session_speaker?.trim();
    if (named) {
      const slug = speakerSlug(named);
      return { key: `speaker:${slug}`, expert: { name: named, role: 'speaker', person: slug } };
    }
    const name = answer.author;
    return name
      ? { key: `speaker:${name}`, expert: { name, role: 'speaker', person: null } }
      : null;
  }
  if (!answer.author) return null;
  if (answer.author_role === 'moderator')
    return {
      key: `organiser:${answer.author}`,
      expert: { name: answer.author, role: 'organiser', person: null },
    };
  if (answer.attendee_id === null) return null;
  return {
    key: `attendee:${answer.attendee_id}`,
    expert: { name: answer.author, role: 'attendee', person: answer.person },
  };
}

export type TopicService = ReturnType<typeof createTopicService>;
