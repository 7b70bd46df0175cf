import type { ReactElement } from 'react';
import type { PostSource } from '../lib/types.ts';
import { SOURCE_LABEL } from '../lib/posts.ts';

/** Our own fixed drawings (no user content), in the text colour so they follow the theme. */
const GLYPHS: Record<PostSource, ReactElement> = {
  web: (
    <g fill="none" stroke="currentColor" strokeWidth="1.8">
      <circle cx="12" cy="12" r="9.2" />
      <path d="M2.8 12h18.4M12 2.8c2.6 2.6 3.8 5.7 3.8 9.2s-1.2 6.6-3.8 9.2c-2.6-2.6-3.8-5.7-3.8-9.2s1.2-6.6 3.8-9.2z" />
    </g>
  ),
  api: (
    <path d="M8.5 6.5 3 12l5.5 5.5M15.5 6.5 21 12l-5.5 5.5M13.6 4.5l-3.2 15" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
  ),
  x: (
    <path
      fill="currentColor"
      d="M18.244 2.25h3.308l-7.227 8.26 8.502 11.24H16.17l-5.214-6.817L4.99 21.75H1.68l7.73-8.835L1.254 2.25H8.08l4.713 6.231zm-1.161 17.52h1.833L7.084 4.126H5.117z"
    />
  ),
  mastodon: (
    <g>
      <path
        fill="currentColor"
        d="M21.3 8c0-4.4-2.9-5.7-2.9-5.7C17 1.6 14.5 1.3 12 1.3s-5 .3-6.4 1C5.6 2.3 2.7 3.6 2.7 8c0 4.5-.3 10.2 4.2 11.4 1.7.5 3.5.5 4.8.5 2.3-.1 3.6-.8 3.6-.8l-.1-1.7s-1.6.5-3.5.5c-1.8-.1-3.7-.2-4-2.4 0 0 1.9.5 4.3.6 1.5.1 2.8-.1 4.2-.2 2.6-.3 4.9-1.9 5.2-3.4.5-2.3.4-5.6.4-5.6z"
      />
      <path d="M7.6 13.2V9.6c0-1.3.7-2 1.8-2s1.8.8 1.8 2v2.3m0 0V9.6c0-1.2.7-2 1.8-2s1.8.7 1.8 2v3.6" fill="none" className="screen-source-cut" strokeWidth="1.7" strokeLinecap="round" />
    </g>
  ),
  bluesky: (
    <path
      fill="currentColor"
      d="M12 10.8c-1.087-2.114-4.046-6.053-6.798-7.995C2.566.944 1.561 1.266.902 1.565.139 1.908 0 3.08 0 3.768c0 .69.378 5.65.624 6.479.815 2.736 3.713 3.66 6.383 3.364-3.912.58-7.387 2.005-2.83 7.078 5.013 5.19 6.87-1.113 7.823-4.308.953 3.195 2.05 9.271 7.733 4.308 4.267-4.308 1.172-6.498-2.74-7.078 2.67.297 5.568-.628 6.383-3.364.246-.828.624-5.79.624-6.478 0-.69-.139-1.861-.902-2.206-.659-.298-1.664-.62-4.3 1.24C16.046 4.748 13.087 8.687 12 10.8Z"
    />
  ),
};

export function SourceIcon({ source }: { source: PostSource }) {
  return (
    <svg className="screen-source" data-source={source} viewBox="0 0 24 24" role="img" aria-label={`via ${SOURCE_LABEL[source]}`}>
      {GLYPHS[source]}
    </svg>
  );
}
