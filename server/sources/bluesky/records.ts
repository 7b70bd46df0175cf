/**
 * From Jetstream frames to the one shape every source hands to posts.ingest(). Pure functions:
 * validated here, so a malformed frame is a reason to skip, never a crash further on.
 */
import { z } from 'zod';
import { LIMITS } from '../../../shared/limits.ts';
import { cleanLine, cleanParagraphs } from '../../../shared/text.ts';
import type { NetworkPost } from '../sink.ts';
import { capText, isHttpUrl } from '../text.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';
const TAG_FEATURE = 'app.bsky.richtext.facet#tag';
const LINK_FEATURE = 'app.bsky.richtext.facet#link';
const MENTION_FEATURE = 'app.bsky.richtext.facet#mention';
/** Where Bluesky serves a post's images by the blob's CID. */
const IMAGE_CDN = 'https://cdn.bsky.app/img/feed_fullsize/plain';

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const Did = z.string().regex(/^did:[a-z]+:[A-Za-z0-9._:%-]{1,200}$/, 'a DID');
const Rkey = z.string().regex(/^[A-Za-z0-9._:~-]{1,512}$/, 'a record key');

const Facet = z.object({
  index: z.object({ byteStart: z.number().int().min(0), byteEnd: z.number().int().min(0) }),
  features: z.array(
    z.object({
      $type: z.string(),
      tag: z.string().optional(),
      uri: z.string().optional(),
      did: z.string().optional(),
    }),
  ),
});

const Blob = z.object({ ref: z.object({ $link: z.string().regex(/^[a-z0-9]{10,100}$/) }) });
const Images = z.object({
  $type: z.literal('app.bsky.embed.images'),
  images: z.array(z.object({ image: lenient(Blob), alt: lenient(z.string()) })),
});
const Embed = z.union([
  Images,
  z.object({ $type: z.literal('app.bsky.embed.recordWithMedia'), media: Images }),
  z.object({ $type: z.string() }),
]);

export const PostRecord = z.object({
  text: z.string(),
  createdAt: lenient(z.string()),
  facets: lenient(z.array(Facet.catch({ index: { byteStart: 0, byteEnd: 0 }, features: [] }))),
  tags: lenient(z.array(z.string())),
  embed: lenient(Embed),
});
export type PostRecord = z.infer<typeof PostRecord>;

/** The frames we act on: a post made or deleted. Other kinds and collections are skipped. */
export const Frame = z.object({
  did: Did,
  time_us: z.number().int().positive(),
  kind: z.string(),
  commit: z
    .object({
      operation: z.enum(['create', 'update', 'delete']),
      collection: z.string(),
      rkey: Rkey,
      record: z.unknown().optional(),
    })
    .optional(),
});
export type Frame = z.infer<typeof Frame>;

export const postUri = (did: string, rkey: string) => `at://${did}/${POST_COLLECTION}/${rkey}`;

/** The post's page on bsky.app, from its at:// URI. */
export function postUrl(uri: string): string | null {
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
  return match ? `https://bsky.app/profile/${match[1]}/post/${match[2]}` : null;
}

/** Hashtags a post carries: its tag facets and its `tags` field, lower case, without '#'. */
export function tagsOf(record: PostRecord): string[] {
  const tags = new Set<string>();
  for (const facet of record.facets ?? [])
    for (const feature of facet.features)
      if (feature.$type === TAG_FEATURE && feature.tag)
        tags.add(feature.tag.replace(/^#/, '').toLowerCase());
  for (const tag of record.tags ?? []) tags.add(tag.replace(/^#/, '').toLowerCase());
  return [...tags];
}

/** Accounts a post mentions: the DIDs of its mention facets (the text's @handle may be stale). */
export function mentionsOf(record: PostRecord): string[] {
  const dids = new Set<string>();
  for (const facet of record.facets ?? [])
    for (const feature of facet.features)
      if (feature.$type === MENTION_FEATURE && feature.did) dids.add(feature.did.toLowerCase());
  return [...dids];
}

/**
 * The text with each link facet's shortened label ("example.com/a-long-pa...") replaced by the
 * link itself, so the screen shows where it leads. Facet ranges are UTF-8 byte offsets.
 */
export function expandLinks(record: PostRecord): string {
  const bytes = Buffer.from(record.text, 'utf8');
  const links = (record.facets ?? [])
    .flatMap((facet) =>
      facet.features
        .filter((feature) => feature.$type === LINK_FEATURE && isHttpUrl(feature.uri))
        .map((feature) => ({ ...facet.index, uri: feature.uri! })),
    )
    .filter((link) => link.byteStart < link.byteEnd && link.byteEnd <= bytes.length)
    .sort((a, b) => a.byteStart - b.byteStart);
  const parts: Buffer[] = [];
  let at = 0;
  for (const link of links) {
    if (link.byteStart < at) continue; // overlapping facets: keep the first
    parts.push(bytes.subarray(at, link.byteStart), Buffer.from(link.uri, 'utf8'));
    at = link.byteEnd;
  }
  parts.push(bytes.subarray(at));
  return new TextDecoder().decode(Buffer.concat(parts));
}

export function imagesOf(did: string, record: PostRecord): string[] {
  const embed = record.embed;
  if (!embed) return [];
  const images =
    'images' in embed && Array.isArray(embed.images)
      ? embed.images
      : 'media' in embed && embed.media && 'images' in embed.media
        ? embed.media.images
        : [];
  return images
    .map((item) => item.image?.ref.$link)
    .filter((cid): cid is string => !!cid)
    .map((cid) => `${IMAGE_CDN}/${did}/${cid}@jpeg`)
    .filter(isHttpUrl)
    .slice(0, LIMITS.mediaPerPost);
}

export interface Profile {
  did: string;
  handle: string | null;
  displayName: string | null;
  avatar: string | null;
}

export function recordToPost(
  did: string,
  rkey: string,
  record: PostRecord,
  profile: Profile | null,
): NetworkPost {
  const created = record.createdAt ? new Date(record.createdAt) : null;
  const handle = profile?.handle ? cleanLine(profile.handle) : null;
  return {
    source: 'bluesky',
    sourceId: postUri(did, rkey),
    text: capText(cleanParagraphs(expandLinks(record)), LIMITS.postText.max),
    author: {
      name: capText(
        cleanLine(profile?.displayName ?? '') || (handle ? `@${handle}` : 'Someone on Bluesky'),
        LIMITS.displayName.max,
      ),
      handle: handle ?? did,
      avatarUrl: isHttpUrl(profile?.avatar) ? profile!.avatar : null,
      attendeeId: null,
    },
    media: imagesOf(did, record),
    // A client's clock can be anything: only a plausible time is kept (not in the future).
    createdAt:
      created && !Number.isNaN(created.getTime()) && created.getTime() <= Date.now() + 60_000
        ? created.toISOString()
        : undefined,
  };
}
