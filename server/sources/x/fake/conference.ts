/**
 * A believable conference on X, for the demo: a dozen people tweeting under the event's
 * hashtags, replying to each other, asking questions with the question tag, sharing photos;
 * now and then a swear word or a spammer, so moderation has something to do.
 */
import type { FakeX, StoredTweet } from './server.ts';
import type { FakeAuthor } from './tweets.ts';

const avatar = (name: string) =>
  `https://api.dicebear.com/9.x/initials/svg?seed=${encodeURIComponent(name)}`;
const person = (username: string, name: string): FakeAuthor => ({
  username,
  name,
  avatarUrl: avatar(name),
});

const PEOPLE: FakeAuthor[] = [
  person('ada_okafor', 'Ada Okafor'),
  person('mhopper', 'Maya Hopper'),
  person('devrel_dan', 'Dan Reyes'),
  person('linzhou_dev', 'Lin Zhou'),
  person('samira_builds', 'Samira Haddad'),
  person('kofi_k', 'Kofi Mensah'),
  person('ines_rb', 'Inès Roussel'),
  person('tomasz_w', 'Tomasz Wójcik'),
  person('priya_ml', 'Priya Natarajan'),
  person('jonas_ops', 'Jonas Berg'),
  person('yuki_t', 'Yuki Tanaka'),
  person('carla_sec', 'Carla Mendes'),
];
const SPAMMER = person('fr33_f0llowers', 'Followers Fast 💯');

const TALKS = [
  'the opening keynote',
  'the Rust at scale talk',
  'the SQLite in production session',
  'the accessibility panel',
];

const SAYINGS = [
  'Packed room for {talk} {tag}',
  'That live demo actually worked first time 👏 {tag}',
  'Great point: logs are not metrics, and metrics are not traces {tag}',
  'Slides for {talk} are up: https://example.org/slides {tag}',
  'Coffee queue is 20 minutes long. Worth it. {tag}',
  'Best hallway conversation so far: running SQLite in production for years {tag}',
  'Note to self: try property-based testing on Monday {tag}',
  'The speaker just said "boring technology is a feature" and the room nodded {tag}',
  'Loving the captions on the big screen, more conferences should do this {tag}',
  'Three takeaways from {talk}: measure first, cache second, delete code third {tag}',
  'Anyone going to the community dinner tonight? {tag}',
  'Sketchnotes from {talk} coming later today ✏️ {tag}',
  'Fun fact: the wifi password is on the back of the badge {tag}',
  'Backpressure explained with a coffee machine analogy. Perfect. {tag}',
  'Lunch was excellent & the vegan option ran out last, good sign {tag}',
];

const QUESTIONS = [
  '{ask} How does this approach behave during a network partition? {tag}',
  '{ask} What would you do differently if you started today? {tag}',
  '{ask} Will the recording be online, and when? {tag}',
  '{ask} How do you test this in CI without flaky tests? {tag}',
  '{ask} Does it still work when the venue wifi goes down? {tag}',
  '{ask} What is the cost of running this for a year? {tag}',
];

const REPLIES = [
  'Same here, great session {tag}',
  'Agreed, the Q&A was the best part {tag}',
  '+1, and the slides are really clear {tag}',
  'Was thinking exactly this {tag}',
];

const PHOTOS = [
  'View from row 3 {tag}',
  'The stage before {talk} {tag}',
  'Sticker table is stacked this year {tag}',
];

const ROUGH = [
  'This wifi is shit today, sorry for the delay {tag}',
  'Damn, that benchmark was fast {tag}',
];

const SPAM = [
  '🔥 Buy 10k followers cheap!!! https://spam.example/a https://spam.example/b https://spam.example/c {tag}',
  'DM me for crypto signals 🚀🚀 https://spam.example/x {tag}',
];

/** Deterministic, so two demo runs tell the same story. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChatterOptions {
  hashtags: string[];
  questionTag?: string;
  /** Between two tweets, in ms. */
  everyMs?: [number, number];
  seed?: number;
}

export function startConferenceChatter(
  fake: FakeX,
  { hashtags, questionTag = 'ask', everyMs = [700, 2500], seed = 2026 }: ChatterOptions,
) {
  const rand = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const recent: StoredTweet[] = [];
  let timer: NodeJS.Timeout | null = null;
  let count = 0;

  const fill = (template: string) =>
    template
      .replace('{tag}', `#${rand() < 0.8 ? hashtags[0] : pick(hashtags)}`)
      .replace('{ask}', `#${questionTag}`)
      .replace('{talk}', pick(TALKS));

  function tweet(): StoredTweet {
    count += 1;
    const roll = rand();
    const author = pick(PEOPLE);
    let stored: StoredTweet;
    if (count % 23 === 11) stored = fake.emit({ text: fill(pick(SPAM)), author: SPAMMER });
    else if (count % 17 === 9) stored = fake.emit({ text: fill(pick(ROUGH)), author });
    else if (roll < 0.18) stored = fake.emit({ text: fill(pick(QUESTIONS)), author });
    else if (roll < 0.34 && recent.length > 0) {
      const parent = pick(recent);
      stored = fake.emit({
        text: `@${parent.user.username} ${fill(pick(REPLIES))}`,
        author,
        replyTo: parent.tweet.id,
      });
    } else if (roll < 0.44) {
      stored = fake.emit({
        text: fill(pick(PHOTOS)),
        author,
        media: [{ type: 'photo', url: `https://picsum.photos/seed/backchannel${count}/800/450` }],
      });
    } else stored = fake.emit({ text: fill(pick(SAYINGS)), author });
    recent.push(stored);
    if (recent.length > 20) recent.shift();
    return stored;
  }

  function schedule() {
    const [min, max] = everyMs;
    timer = setTimeout(
      () => {
        tweet();
        schedule();
      },
      min + rand() * (max - min),
    );
  }
  schedule();

  return {
    tweet,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
