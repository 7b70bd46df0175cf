/**
 * From Mastodon statuses to the one shape every source hands to posts.ingest(). Status
 * content is HTML: it is read by htmlparser2 (a real, maintained parser), never by regular
 * expressions, and only its text comes out, links kept as the text they show (Mastodon puts the
 * whole URL in the link's text, hiding parts with CSS, so the text is the full link).
 */
import { Parser } from 'htmlparser2';
import { z } from 'zod';
import { LIMITS } from '../../../shared/limits.ts';
import { cleanLine, cleanParagraphs } from '../../../shared/text.ts';
import type { NetworkPost } from '../sink.ts';
import { capText, isHttpUrl } from '../text.ts';

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const StatusId = z.string().regex(/^\d{1,30}$/, 'a numeric status id');

export const Status = z.object({
  id: StatusId,
  uri: z.string().min(1).max(2048),
  url: lenient(z.string().nullable()),
  created_at: lenient(z.string()),
  content: z.string(),
  spoiler_text: lenient(z.string()),
  reblog: lenient(z.unknown().nullable()),
  tags: lenient(z.array(z.object({ name: z.string() }))),
  account: z.object({
    username: z.string(),
    acct: z.string(),
    display_name: lenient(z.string()),
    avatar_static: lenient(z.string()),
    avatar: lenient(z.string()),
  }),
  media_attachments: lenient(
    z.array(
      z.object({
        type: z.string(),
        url: lenient(z.string().nullable()),
        preview_url: lenient(z.string().nullable()),
      }),
    ),
  ),
});
export type Status = z.infer<typeof Status>;

/** Elements whose content is never text to show. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg']);
const BLOCKS = new Set(['p', 'div', 'blockquote', 'li', 'ul', 'ol', 'pre', 'h1', 'h2', 'h3', 'h4']);

/** Plain text of a status's HTML: paragraphs and line breaks kept, markup and scripts gone. */
export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping += 1;
        else if (name === 'br') out += '\n';
        else if (BLOCKS.has(name) && out.length > 0 && !out.endsWith('\n\n'))
          out += out.endsWith('\n') ? '\n' : '\n\n';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** `user@instance` for everyone, so one author has one handle whichever instance saw them. */
export function fullHandle(acct: string, instance: string): string {
  return acct.includes('@') ? acct : `${acct}@${new URL(instance).host}`;
}

export const isBoost = (status: Status) => status.reblog != null;

export function statusToPost(status: Status, instance: string): NetworkPost {
  const spoiler = status.spoiler_text?.trim();
  const body = htmlToText(status.content);
  const text = spoiler ? `${spoiler}\n\n${body}` : body;
  const created = status.created_at ? new Date(status.created_at) : null;
  const handle = cleanLine(fullHandle(status.account.acct, instance));
  const media = (status.media_attachments ?? [])
    .map((m) => (m.type === 'image' ? m.url : m.preview_url))
    .filter(isHttpUrl)
    .slice(0, LIMITS.mediaPerPost);
  const avatar = status.account.avatar_static ?? status.account.avatar;
  return {
    source: 'mastodon',
    sourceId: status.uri,
    text: capText(cleanParagraphs(text), LIMITS.postText.max),
    author: {
      name: capText(
        cleanLine(status.account.display_name ?? '') || `@${status.account.username}`,
        LIMITS.displayName.max,
      ),
      handle,
      avatarUrl: isHttpUrl(avatar) ? avatar : null,
      attendeeId: null,
    },
    media,
    createdAt:
      created && !Number.isNaN(created.getTime()) && created.getTime() <= Date.now() + 60_000
        ? created.toISOString()
        : undefined,
  };
}

/** Mastodon ids are time-based: milliseconds shifted 16 bits, then a sequence. */
export function idAt(ms: number): string {
  return (BigInt(Math.max(0, Math.floor(ms))) << 16n).toString();
}

export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
