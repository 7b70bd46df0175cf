/**
 * Room names, in one place. Public rooms carry only what the public may see; staff rooms carry
 * every status. A socket is in exactly the rooms its credential allows (see realtime/connection.ts).
 */
export const eventRoom = (eventId: number) => `event:${eventId}`;
export const moderatorRoom = (eventId: number) => `event:${eventId}:moderators`;
export const sessionRoom = (sessionId: number) => `session:${sessionId}`;
export const sessionStaffRoom = (sessionId: number) => `session:${sessionId}:staff`;
export const attendeeRoom = (attendeeId: number) => `attendee:${attendeeId}`;
