import { z } from 'zod';

/** The server's public address, as every client builds its public links from it. */
export const PublicAddress = z.object({
  /** Base of every public link (QR codes, join card, footer, links): PUBLIC_URL or the server's own. */
  url: z.string(),
  /** Whether PUBLIC_URL set it. */
  configured: z.boolean(),
  /** Moderators, when PUBLIC_URL is unset: this machine's address on the local network, if found. */
  lanUrl: z.string().nullable(),
  /** A moderator hid the big screens' notice about this address. */
  noticeDismissed: z.boolean(),
});
export type PublicAddress = z.infer<typeof PublicAddress>;

/** Hide (or show again) the notice the big screens show about a doubtful public address. */
export const AddressNoticeBody = z.strictObject({ dismissed: z.boolean() });
export type AddressNoticeBody = z.infer<typeof AddressNoticeBody>;

export const AddressNotice = z.object({ noticeDismissed: z.boolean() });
export type AddressNotice = z.infer<typeof AddressNotice>;
