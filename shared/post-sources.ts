import type { PostSource } from './schemas/posts.ts';

/** How each network is named to people: the console's chips, the report's totals. */
export const SOURCE_LABEL: Record<PostSource, string> = {
  web: 'web',
  api: 'API',
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};
