import { describe, expect, it } from 'vitest';
import { ANONYMOUS_ASKER, askerName, attendeeName, UNNAMED_ATTENDEE } from '../../shared/askers.ts';

describe('askerName', () => {
  it('calls an anonymous question "Anonymous" even when a name reached it', () => {
    expect(askerName({ anonymous: true, authorName: null })).toBe(ANONYMOUS_ASKER);
    expect(askerName({ anonymous: true, authorName: 'Ada' })).toBe('Anonymous');
  });

  it('calls a named asker by name and one without a name "Attendee"', () => {
    expect(askerName({ anonymous: false, authorName: 'Ada' })).toBe('Ada');
    expect(askerName({ anonymous: false, authorName: null })).toBe(UNNAMED_ATTENDEE);
    expect(askerName({ anonymous: false, authorName: '   ' })).toBe('Attendee');
  });
});

describe('attendeeName', () => {
  it('falls back to the one word for someone without a name', () => {
    expect(attendeeName(null)).toBe('Attendee');
    expect(attendeeName(undefined)).toBe('Attendee');
    expect(attendeeName('Ada')).toBe('Ada');
  });
});
