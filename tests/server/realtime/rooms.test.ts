import { describe, expect, it } from 'vitest';
import {
  attendeeRoom,
  eventRoom,
  isSessionRoom,
  moderatorRoom,
  moderatorRoomEvent,
  parseRoom,
  sessionRoom,
  sessionStaffRoom,
} from '../../../server/realtime/rooms.ts';

describe('room names', () => {
  it('reads back every name the helpers make', () => {
    expect(parseRoom(eventRoom(4))).toEqual({ kind: 'event', eventId: 4 });
    expect(parseRoom(moderatorRoom(4))).toEqual({ kind: 'moderators', eventId: 4 });
    expect(parseRoom(sessionRoom(17))).toEqual({ kind: 'session', sessionId: 17 });
    expect(parseRoom(sessionStaffRoom(17))).toEqual({ kind: 'sessionStaff', sessionId: 17 });
    expect(parseRoom(attendeeRoom(230))).toEqual({ kind: 'attendee', attendeeId: 230 });
  });

  it('reads nothing into a name the helpers did not make', () => {
    for (const name of [
      'Hk2x9_socketid',
      'event:4:staff',
      'session:17:moderators',
      'attendee:3:staff',
      'session:',
      'session:x',
      'event:4:moderators:x',
      'screen:4',
    ])
      expect(parseRoom(name), name).toBeNull();
  });

  it('tells the session rooms a socket leaves from the rest', () => {
    expect(isSessionRoom(sessionRoom(2))).toBe(true);
    expect(isSessionRoom(sessionStaffRoom(2))).toBe(true);
    expect(isSessionRoom(eventRoom(2))).toBe(false);
    expect(isSessionRoom(moderatorRoom(2))).toBe(false);
    expect(isSessionRoom(attendeeRoom(2))).toBe(false);
  });

  it('finds the event of a moderator room only', () => {
    expect(moderatorRoomEvent(moderatorRoom(9))).toBe(9);
    expect(moderatorRoomEvent(eventRoom(9))).toBeNull();
    expect(moderatorRoomEvent(sessionStaffRoom(9))).toBeNull();
  });
});
