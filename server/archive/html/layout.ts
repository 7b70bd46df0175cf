import type { EventRow } from '../../events/repository.ts';
import { markup, Markup, safeUrl } from './markup.ts';

/** How a page is being made: served live (with search) or written as static files. */
export interface Site {
  /** The archive's absolute address, ending in '/': what feeds name their entries by. */
  baseUrl: string;
  /** Live pages have a search box; a static host has nothing to answer it. */
  search: boolean;
}

export interface PageParts {
  title: string;
  /** Atom feeds this page offers, relative to the archive. */
  feeds?: Array<{ href: string; title: string }>;
  /** The page's breadcrumb under the event name. */
  crumb?: string;
  body: Markup;
  /** Where the page's relative links start, for a page outside the archive's folder ("../"). */
  base?: string;
}

const ACCENT = /^#[0-9a-f]{6}$/i;

// Every link is relative and every page sits in one folder, so the same files work under
// /e/CODE/archive/ and on any static host. No script anywhere: the archive reads without one.
const STYLE = `
:root{--accent:#4f7cff;--bg:#fbfbfc;--card:#fff;--text:#1b1d22;--muted:#4d525c;--line:#d9dce2;--link:#1d4ed8;--mark:#fff1a8}
.dark{--bg:#14161b;--card:#1d2027;--text:#eceef2;--muted:#b5bac4;--line:#373b45;--link:#9cc0ff;--mark:#5c4d00}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--card);padding:.5rem}
header.site{border-top:6px solid var(--accent);background:var(--card);border-bottom:1px solid var(--line)}
header.site .wrap{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header.site img{max-height:48px;max-width:160px}
.event-name{font-weight:700;font-size:1.2rem;margin:0}
.wrap{max-width:52rem;margin:0 auto;padding:1rem}
nav ul{list-style:none;display:flex;gap:1rem;flex-wrap:wrap;margin:0;padding:0}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
h3,.cards h2.person{font-size:1.1rem;margin:0}
blockquote{margin:.35rem 0;padding-left:.75rem;border-left:2px solid var(--line);color:var(--muted)}
.meta{color:var(--muted);margin:.25rem 0;font-size:.95rem}
ol.cards,ul.cards{list-style:none;padding:0;margin:0}
.cards>li{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.cards p{margin:.35rem 0}
ol.answers{list-style:none;padding:0 0 0 1rem;margin:.5rem 0 0;border-left:2px solid var(--line)}
ol.answers>li{margin:.5rem 0}
.badge{display:inline-block;border:1px solid var(--muted);border-radius:99px;padding:0 .5rem;font-size:.85rem;color:var(--text)}
.accepted>.meta strong{color:var(--text)}
mark{background:var(--mark);color:inherit}
ul.chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
ul.chips li{border:1px solid var(--line);border-radius:99px;padding:.1rem .7rem;background:var(--card)}
ol.links{padding-left:1.5rem}ol.links li{margin:.3rem 0;overflow-wrap:anywhere}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:1rem 0}
form.search input{font:inherit;padding:.4rem .6rem;min-width:14rem;border:1px solid var(--muted);border-radius:4px;background:var(--card);color:var(--text)}
form.search button{font:inherit;padding:.4rem .9rem;border-radius:4px;border:1px solid var(--muted);background:var(--card);color:var(--text)}
.pages{display:flex;gap:1rem;margin:1.5rem 0}
footer{color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);margin-top:3rem}
`;

/**
 * An empty icon: without one a browser asks for /favicon.ico, which a static host of the export
 * does not have (a 404 on every page). The only non-http(s) address the archive ever writes.
 */
export const ICON = markup`<link rel="icon" href="data:," />`;

/** A whole archive page: branding, navigation, the search box when there is one, and `body`. */
export function page(event: EventRow, site: Site, parts: PageParts): string {
  const accent = ACCENT.test(event.accent_color) ? event.accent_color : '#4f7cff';
  const logo = safeUrl(event.logo_url);
  const doc = markup`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        ${parts.base ? markup`<base href="${parts.base}" />` : ''}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${ICON}
        <title>${parts.title} · ${event.name}</title>
        ${(parts.feeds ?? []).map(
          (feed) =>
            markup`<link rel="alternate" type="application/atom+xml" title="${feed.title}" href="${feed.href}" />`,
        )}
        <style>
          ${styleWith(accent)}
        </style>
      </head>
      <body class="${event.theme === 'dark' ? 'dark' : 'light'}">
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <div class="wrap">
            ${logo ? markup`<img src="${logo}" alt="" />` : ''}
            <p class="event-name"><a href="index.html">${event.name}</a></p>
            <nav aria-label="Archive">
              <ul>
                <li><a href="index.html">Sessions</a></li>
                <li><a href="posts.html">Wall</a></li>
                <li><a href="links.html">Links</a></li>
                <li><a href="people.html">People</a></li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">${site.search ? searchForm('') : ''}${parts.body}</main>
        <footer>
          <div class="wrap">
            <p>
              The public archive of ${event.name}. Times are in ${event.time_zone}. Only approved
              posts, questions and answers appear; people are named only if they chose to be. Made
              with Backchannel.
            </p>
          </div>
        </footer>
      </body>
    </html> `;
  return doc.value;
}

/** The style sheet with the event's accent colour, which was checked to be #rrggbb. */
function styleWith(accent: string): Markup {
  return new Markup(STYLE.replace('--accent:#4f7cff', `--accent:${accent}`));
}

export function searchForm(q: string): Markup {
  return markup`<form class="search" action="search" method="get" role="search">
    <label for="q">Search the archive</label>
    <input id="q" name="q" type="search" value="${q}" maxlength="100" required />
    <button type="submit">Search</button>
  </form> `;
}

/** "Page 2 of 5" with previous and next links; nothing when there is one page. */
export function pager(current: number, pages: number, href: (page: number) => string): Markup {
  if (pages <= 1) return markup``;
  return markup`<nav class="pages" aria-label="Pages">
    ${current > 1 ? markup`<a href="${href(current - 1)}" rel="prev">Previous page</a>` : ''}
    <span>Page ${current} of ${pages}</span>
    ${current < pages ? markup`<a href="${href(current + 1)}" rel="next">Next page</a>` : ''}
  </nav>`;
}
