import { compareByVotes } from '../lib/question-rules.ts';
import type { Question, Screen, ScreenMode, Session } from '../lib/types.ts';
import { sameRoom } from '../lib/sessions.ts';

/** The screen of an event with one room: /e/CODE/screen. A room's own screen is /e/CODE/screen/ROOM. */
export const MAIN_SCREEN = 'main';

/** A screen not listed shows the wall. */
export function modeOf(screens: Screen[], name: string): ScreenMode {
  return screens.find((screen) => screen.name === name)?.mode ?? 'wall';
}

/**
 * The session a screen shows questions of: the live session of its room; the main screen
 * follows whichever session is live (an event with one room has at most one).
 */
export function liveSessionFor(sessions: Session[], name: string): Session | null {
  const live = sessions.filter((session) => session.live);
  const inRoom = live.find((session) => sameRoom(session.room, name));
  if (inRoom) return inRoom;
  return name === MAIN_SCREEN ? (live[0] ?? null) : null;
}

/** Open questions, best first: answered ones have had their turn. */
export function openQuestions(questions: Question[]): Question[] {
  return questions.filter((question) => question.status === 'approved').sort(compareByVotes);
}

export function spotlightOf(questions: Question[]): Question | null {
  return (
    questions.find(
      (question) =>
        question.spotlighted && (question.status === 'approved' || question.status === 'answered'),
    ) ?? null
  );
}
