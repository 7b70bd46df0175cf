import type { PeopleList, PersonDetail, PersonSummary } from '../../../shared/schemas/people.ts';
import type { EventRow } from '../../events/repository.ts';
import { page, pager, type Site } from './layout.ts';
import { markup, safeUrl, type Markup } from './markup.ts';
import { answerLabel, FILES } from './pages.ts';
import { count, richText, when } from './text.ts';

const ROLE = { speaker: 'speaker', attendee: 'attendee' } as const;

/** Name, affiliation and link: the link only https (checked when set, and again here). */
function identity(person: PersonSummary): Markup {
  const link = person.link?.startsWith('https:') ? safeUrl(person.link) : null;
  return markup`${person.affiliation ? markup`<span>${person.affiliation}</span> · ` : ''}<span>${ROLE[person.role]}</span>${link ? markup` · <a href="${link}" rel="nofollow ugc noopener">${link}</a>` : ''}`;
}

function tally(person: PersonSummary): string {
  const { counts } = person;
  const parts =
    person.role === 'speaker'
      ? [count(counts.sessions, 'session'), count(counts.answers, 'answer')]
      : [
          count(counts.questions, 'question'),
          count(counts.answers, 'answer or reply', 'answers and replies'),
          count(counts.posts, 'wall post'),
        ];
  if (counts.accepted > 0) parts.push(count(counts.accepted, 'accepted answer'));
  return parts.join(' · ');
}

/** The people of the archive: speakers, then attendees who chose to be listed. */
export function peoplePage(event: EventRow, site: Site, data: PeopleList): string {
  const body = markup`<h1>People</h1>
    <p class="meta">
      The speakers, and attendees who chose to be named in the archive, with what they asked,
      answered and posted.
    </p>
    ${
      data.people.length === 0
        ? markup`<p>Nobody is listed yet.</p>`
        : markup`<ol class="cards">
            ${data.people.map(
              (person) =>
                markup`<li>
                  <h2 class="person"><a href="${person.href}">${person.name}</a></h2>
                  <p class="meta">${identity(person)}</p>
                  <p class="meta">${tally(person)}</p>
                </li> `,
            )}
          </ol>`
    }
    ${pager(data.page, data.pages, FILES.people)}`;
  return page(event, site, {
    title: data.page === 1 ? 'People' : `People, page ${data.page}`,
    body,
  });
}

/**
 * A person's page: who they are, their topics, then (a speaker) their sessions and answers or
 * (an attendee) what they asked under their name, answered and posted, paged side by side. It
 * lives one folder down (people/ID.html), so its links start from the archive's folder.
 */
export function personPage(event: EventRow, site: Site, data: PersonDetail): string {
  const zone = event.time_zone;
  const { person } = data;
  // A kind the person has none of at all is left out; one with none on this page says so.
  const section = <T>(
    id: string,
    title: string,
    items: T[],
    item: (value: T) => Markup,
    empty: string,
  ) =>
    items.length === 0 && data.page === 1
      ? ''
      : markup`<h2 id="${id}">${title}</h2>
      ${items.length === 0 ? markup`<p>${empty}</p>` : markup`<ol class="cards">${items.map(item)}</ol>`}`;

  const sessions =
    person.role === 'speaker'
      ? section(
          'sessions',
          'Sessions',
          data.sessions,
          (s) =>
            markup`<li>
              <h3><a href="${s.href}">${s.title}</a></h3>
              <p class="meta"><span>${s.room}</span>${s.startsAt ? markup` · ${when(s.startsAt, zone)}` : ''}</p>
            </li> `,
          'No sessions.',
        )
      : '';
  const questions =
    person.role === 'attendee'
      ? section(
          'questions',
          'Questions asked',
          data.questions,
          (q) =>
            markup`<li>
              <p class="meta">${count(q.votes, 'vote')}${q.answered ? markup` · <span class="badge">answered</span>` : ''}</p>
              ${richText(q.text)}
              <p class="meta">${when(q.createdAt, zone)} · <a href="${q.href}">In the archive</a></p>
            </li> `,
          'No questions asked under their name on this page.',
        )
      : '';
  const answers = section(
    'answers',
    person.role === 'speaker' ? 'Answers' : 'Answers and replies',
    data.answers,
    (a) =>
      markup`<li class="${a.accepted ? 'accepted' : ''}">
        <p class="meta"><strong>${answerLabel({ accepted: a.accepted ? 1 : 0, kind: a.kind })}</strong> · ${when(a.createdAt, zone)}</p>
        ${a.question ? markup`<blockquote>${richText(a.question)}</blockquote>` : ''}
        ${richText(a.text)}
        <p class="meta"><a href="${a.href}">With its question in the archive</a></p>
      </li> `,
    'No answers on this page.',
  );
  const posts =
    person.role === 'attendee'
      ? section(
          'posts',
          'Wall posts',
          data.posts,
          (p) =>
            markup`<li>
              ${richText(p.text)}
              <p class="meta">${when(p.createdAt, zone)} · <a href="${p.href}">On the wall</a></p>
            </li> `,
          'No wall posts on this page.',
        )
      : '';
  const body = markup`<h1>${person.name}</h1>
    <p class="meta">${identity(person)}</p>
    <p class="meta">${tally(person)}</p>
    <h2 id="topics">Topics</h2>
    ${
      data.topics.length === 0
        ? markup`<p>No topics yet.</p>`
        : markup`<ul class="chips">
            ${data.topics.map(
              (t) => markup`<li><a href="${FILES.topic(t.tag)}">#${t.tag}</a> (${t.count})</li>`,
            )}
          </ul>`
    }
    ${sessions}${questions}${answers}${posts}
    ${pager(data.page, data.pages, (n) => FILES.person(person.id, n))}`;
  return page(event, site, {
    title: data.page === 1 ? person.name : `${person.name}, page ${data.page}`,
    base: '../',
    body,
  });
}
