/**
 * Every credential starts with a prefix naming its kind: the server looks in one table, and a
 * client can tell a moderator key from an attendee token without asking.
 */
export const TOKEN_PREFIX = {
  admin: 'bca_',
  moderator: 'bcm_',
  speaker: 'bcs_',
  apiKey: 'bck_',
  attendee: 'bct_',
} as const;
