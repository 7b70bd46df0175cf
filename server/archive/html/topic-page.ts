import type { Expert } from '../../../shared/schemas/topics.ts';
import type { EventRow } from '../../events/repository.ts';
import type { TopicPageData } from '../topics.ts';
import { page, pager, type Site } from './layout.ts';
import { markup, type Markup } from './markup.ts';
import { answerItem, FILES, postItem, questionItem } from './pages.ts';
import { count } from './text.ts';

const ROLE = { speaker: 'speaker', organiser: 'organiser', attendee: 'attendee' } as const;

function expertItem(expert: Expert): Markup {
  const name = expert.person
    ? markup`<a href="${FILES.person(expert.person)}">${expert.name}</a>`
    : expert.name;
  return markup`<li>
    <strong>${name}</strong> <span class="meta">(${ROLE[expert.role]})</span> ·
    ${count(expert.accepted, 'accepted answer')} · ${count(expert.answers, 'answer or reply', 'answers and replies')}
  </li>`;
}

/**
 * A topic's page: who knows about it, then its public questions with their answers, answers
 * elsewhere that carry its hashtag, and its wall posts, paged together. It lives one folder
 * down (topics/TAG.html), so its links start from the archive's folder through <base>.
 */
export function topicPage(event: EventRow, site: Site, data: TopicPageData): string {
  const zone = event.time_zone;
  const body = markup`<h1>#${data.tag}</h1>
    <h2 id="people">Who knows about #${data.tag}</h2>
    ${
      data.people.length === 0
        ? markup`<p>No named answers on this topic yet.</p>`
        : markup`<ol class="people">
            ${data.people.map(expertItem)}
          </ol>`
    }
    ${
      data.voices.length > 0
        ? markup`<p class="meta">Also asking and posting: ${data.voices.map(
            (voice, i) =>
              markup`${i > 0 ? ', ' : ''}${voice.person ? markup`<a href="${FILES.person(voice.person)}">${voice.name}</a>` : voice.name}`,
          )}</p>`
        : ''
    }
    <h2 id="questions">Questions</h2>
    ${
      data.questions.length === 0
        ? markup`<p>No public questions on this page.</p>`
        : markup`<ol class="cards">
            ${data.questions.map((item) => questionItem(item, zone))}
          </ol>`
    }
    ${
      data.answers.length > 0
        ? markup`<h2 id="answers">Answers and replies</h2>
          <ol class="cards answers">
            ${data.answers.map((answer) => answerItem(answer, zone))}
          </ol>`
        : ''
    }
    <h2 id="posts">Wall posts</h2>
    ${
      data.posts.length === 0
        ? markup`<p>No wall posts on this page.</p>`
        : markup`<ol class="cards">
            ${data.posts.map((post) => postItem(post, zone))}
          </ol>`
    }
    ${pager(data.page, data.pages, (n) => FILES.topic(data.tag, n))}`;
  return page(event, site, {
    title: data.page === 1 ? `#${data.tag}` : `#${data.tag}, page ${data.page}`,
    base: '../',
    body,
  });
}
