/**
 * Every surface against WCAG 2.1 A and AA with axe-core in Chromium, on a busy event: the start
 * page, the attendee app on a phone, the big screen in each mode and both themes (and with
 * accents that do not read on one of them), the moderator console with each of its panels and
 * the shortcuts card, the speaker view and the admin page. Each is checked in full in the
 * system's light scheme and for colour again in dark (nothing else changes with the scheme).
 * A serious or critical violation fails; the rest is printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScreenMode } from '../../shared/schemas/screens.ts';
import type { SeededEvent } from '../helper.ts';
import { CONSOLE, rest, SCHEMES, startAudience, type Audience } from './a11y-support.ts';
import {
  audit,
  auditScreenContrast,
  COLOUR_RULES,
  report,
  type AuditScope,
} from './axe-support.ts';
import { PHONE, PROJECTOR, screenshot } from './browser.ts';
import { api, QUESTION_TEXTS, screenMode, setScreenMode } from './screen-support.ts';

let audience: Audience;
let base: string;
let open: Audience['open'];
let seeded: SeededEvent;
/**
 * Each surface is audited in a dozen states; alone on two quiet cores the longest case takes
 * about a minute, and CI runs it beside another test file.
 */
const AUDIT_TIMEOUT = 180_000;
const SIDE_TABS = [
  'questions',
  'screens',
  'authors',
  'log',
  'sessions',
  'settings',
  'links',
  'export',
];

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
  audience = await startAudience();
  ({ base, open, seeded } = audience);
}, 60_000);

afterAll(async () => {
  console.log(report());
  await audience?.close();
});

const scopeOf = (colorScheme: (typeof SCHEMES)[number], include?: string): AuditScope => ({
  ...(colorScheme === 'dark' ? { rules: COLOUR_RULES } : {}),
  ...(include ? { include } : {}),
});

// The surfaces are independent pages on one server: audited side by side, the run stays short
// (concurrent tests take expect from their context).
describe.concurrent('accessibility (axe, WCAG 2.1 A and AA)', () => {
  it(
    'passes on the start page and the attendee app on a phone',
    async ({ expect }) => {
      const failing: string[] = [];
      for (const colorScheme of SCHEMES) {
        // The start page with a code it refuses, so its error shows too.
        const start = await open({ ...PHONE, colorScheme }, '/');
        await start.getByTestId('join-code').fill('x');
        await start.getByTestId('join-submit').click();
        await start.locator('#join-code-error').waitFor();
        failing.push(...(await audit(start, `start ${colorScheme}`, scopeOf(colorScheme))));

        // An attendee who has posted (awaiting moderation) and asked (their question's status shows).
        const phone = await open({ ...PHONE, colorScheme }, `/e/${seeded.code}`);
        await expect.poll(() => phone.getByTestId('wall-post').count()).toBeGreaterThan(5);
        await phone.getByTestId('post-text').fill(`Greetings from row 12 (${colorScheme} mode)`);
        await phone.getByTestId('post-submit').click();
        await phone.getByTestId('post-status').waitFor();
        await rest(phone);
        failing.push(...(await audit(phone, `attendee wall ${colorScheme}`, scopeOf(colorScheme))));
        await screenshot(phone, `a11y-attendee-wall-${colorScheme}`);
        await phone.getByTestId('tab-questions').click();
        await phone
          .getByTestId('question-text')
          .fill(`Is the ${colorScheme} theme easy to read from the back?`);
        await phone.getByTestId('question-submit').click();
        await expect
          .poll(() => phone.getByTestId('question-item').count())
          .toBe(QUESTION_TEXTS.length + (colorScheme === 'light' ? 1 : 2));
        await rest(phone);
        failing.push(
          ...(await audit(phone, `attendee questions ${colorScheme}`, scopeOf(colorScheme))),
        );
        await screenshot(phone, `a11y-attendee-questions-${colorScheme}`);
        await start.context().close();
        await phone.context().close();
      }
      expect(failing).toEqual([]);
    },
    AUDIT_TIMEOUT,
  );

  it(
    'passes on the big screen in every mode, dark and light, whatever the accent',
    async ({ expect }) => {
      const failing: string[] = [];
      const screen = await open(PROJECTOR, `/e/${seeded.code}/screen`);
      const brand = async (branding: { theme: 'dark' | 'light'; accentColor?: string }) => {
        await api(base, 'PATCH', `/events/${seeded.eventId}`, seeded.moderatorKey, { branding });
        await expect
          .poll(() => screen.getByTestId('screen').getAttribute('data-theme'))
          .toBe(branding.theme);
        if (branding.accentColor) {
          await expect
            .poll(() =>
              screen
                .getByTestId('screen')
                .evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim()),
            )
            .toBe(branding.accentColor);
        }
        await rest(screen);
      };
      for (const theme of ['dark', 'light'] as const) {
        await brand({ theme });
        for (const mode of ['wall', 'questions', 'spotlight', 'join'] as ScreenMode[]) {
          await setScreenMode(base, seeded, 'main', mode);
          await expect.poll(() => screenMode(screen)).toBe(mode);
          await rest(screen);
          // The structure is the same in both themes; the colours are measured in each.
          if (theme === 'dark') failing.push(...(await audit(screen, `screen ${mode}`)));
          failing.push(...(await auditScreenContrast(screen, `screen ${mode} ${theme}`)));
          await screenshot(screen, `a11y-screen-${mode}-${theme}`);
        }
      }
      // Brand colours that read on one theme and not the other: the accent's words fall back to
      // the text colour where they would not read. Questions mode draws the accent on the glow,
      // the page and a card at once.
      await setScreenMode(base, seeded, 'main', 'questions');
      for (const [theme, accentColor] of [
        ['light', '#ffd23f'],
        ['light', '#e4007c'],
        ['dark', '#1d4ed8'],
      ] as const) {
        await brand({ theme, accentColor });
        failing.push(
          ...(await auditScreenContrast(screen, `screen questions ${theme} ${accentColor}`)),
        );
        await screenshot(screen, `a11y-screen-questions-${theme}-${accentColor.slice(1)}`);
      }
      await brand({ theme: 'dark', accentColor: '#4f7cff' });
      await setScreenMode(base, seeded, 'main', 'wall');
      await screen.context().close();
      expect(failing).toEqual([]);
    },
    AUDIT_TIMEOUT,
  );

  it(
    'passes on the moderator console, its shortcuts card and every side panel',
    async ({ expect }) => {
      const failing: string[] = [];
      for (const colorScheme of SCHEMES) {
        const console_ = await open(
          { ...CONSOLE, colorScheme },
          `/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
        );
        await expect.poll(() => console_.getByTestId('mod-post').count()).toBeGreaterThan(0);
        // One post picked for a bulk action: the bulk bar shows.
        await console_.getByTestId('select-post').first().check();
        await console_.getByTestId('bulk-bar').waitFor();
        await rest(console_);
        failing.push(
          ...(await audit(console_, `console queue ${colorScheme}`, scopeOf(colorScheme))),
        );
        await screenshot(console_, `a11y-console-${colorScheme}`);

        await console_.getByTestId('select-post').first().uncheck();
        await console_.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await console_.keyboard.press('?');
        await console_.getByTestId('help-overlay').waitFor();
        // The whole page: the card's landmarks must not repeat the console's.
        failing.push(
          ...(await audit(console_, `console help ${colorScheme}`, scopeOf(colorScheme))),
        );
        await console_.keyboard.press('Escape');
        await expect.poll(() => console_.getByTestId('help-overlay').count()).toBe(0);

        // The rest of the page does not change with the tab: each panel on its own.
        for (const tab of SIDE_TABS) {
          await console_.getByTestId(`mod-tab-${tab}`).click();
          await console_.locator(`#mod-panel-${tab}`).waitFor();
          await console_.waitForTimeout(150);
          failing.push(
            ...(await audit(
              console_,
              `console ${tab} ${colorScheme}`,
              scopeOf(colorScheme, `#mod-panel-${tab}`),
            )),
          );
        }
        await console_.context().close();
      }
      expect(failing).toEqual([]);
    },
    AUDIT_TIMEOUT,
  );

  it(
    'passes on the speaker view and the admin page',
    async ({ expect }) => {
      const failing: string[] = [];
      for (const colorScheme of SCHEMES) {
        const speaker = await open(
          { ...CONSOLE, colorScheme },
          `/e/${seeded.code}/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
        );
        await expect
          .poll(() => speaker.getByTestId('speaker-question').count())
          .toBeGreaterThanOrEqual(QUESTION_TEXTS.length);
        failing.push(...(await audit(speaker, `speaker ${colorScheme}`, scopeOf(colorScheme))));
        await screenshot(speaker, `a11y-speaker-${colorScheme}`);

        const admin = await open(
          { ...CONSOLE, colorScheme },
          `/admin#token=${encodeURIComponent(audience.t.config.adminToken)}`,
        );
        await expect.poll(() => admin.getByTestId('admin-event').count()).toBe(1);
        failing.push(...(await audit(admin, `admin ${colorScheme}`, scopeOf(colorScheme))));
        await screenshot(admin, `a11y-admin-${colorScheme}`);
        await speaker.context().close();
        await admin.context().close();
      }
      expect(failing).toEqual([]);
    },
    AUDIT_TIMEOUT,
  );
});

describe('every surface audited', () => {
  it('threw no error and opened no dialog', () => {
    expect(audience.problems()).toEqual([]);
  });
});
