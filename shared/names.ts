/**
 * Display names that imitate staff: an attendee called "Moderator", "0rganiser" or "Ѕреаkеr"
 * (Cyrillic), or named like the event itself, would lend their posts an authority they do not
 * have on the big screen. Compared as Unicode confusable skeletons (NFKC, then the confusables
 * table of UTS #39 through unhomoglyph, lower-cased), so look-alike letters and digits match.
 */
import unhomoglyph from 'unhomoglyph';

/** Staff words no attendee name may contain. */
export const RESERVED_NAME_WORDS = ['moderator', 'organizer', 'organiser', 'speaker'] as const;
/** Words no attendee name may start a word with ("Admin", "Administrator"). */
export const RESERVED_NAME_PREFIXES = ['admin', 'staff'] as const;

const words = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The confusable skeletons of a text, letters and digits only, split into words. Two of them:
 * the table maps some capitals and their small letters to different letters (Greek "Μ" to "M",
 * "μ" to "u"), so the text is looked up as written (then again, lower-cased) and lower-cased.
 */
export function nameSkeletons(text: string): string[][] {
  const nfkc = text.normalize('NFKC');
  return [
    words(unhomoglyph(unhomoglyph(nfkc).toLowerCase())),
    words(unhomoglyph(nfkc.toLowerCase())),
  ];
}

const skeletonsOf = (word: string) => nameSkeletons(word).map((variant) => variant.join(''));
const WORDS = RESERVED_NAME_WORDS.flatMap(skeletonsOf);
const PREFIXES = RESERVED_NAME_PREFIXES.flatMap(skeletonsOf);

/**
 * Whether `name` imitates staff or the event: it contains a staff word (also spelled out across
 * spaces or dots), a word starting with a reserved prefix, or reads as the event's name.
 */
export function isReservedName(name: string, eventName?: string): boolean {
  const events = eventName ? skeletonsOf(eventName).filter(Boolean) : [];
  return nameSkeletons(name).some((parts) => {
    const joined = parts.join('');
    if (joined.length === 0) return false;
    if (WORDS.some((word) => joined.includes(word))) return true;
    if (parts.some((part) => PREFIXES.some((prefix) => part.startsWith(prefix)))) return true;
    return events.some(
      (event) => joined === event || (event.length >= 6 && joined.includes(event)),
    );
  });
}
