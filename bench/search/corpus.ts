/**
 * A conference's worth of text for the search bench: posts and questions drawn from a
 * vocabulary with a Zipf-like spread (a few words everywhere, most words rare), as real
 * backchannels are. Deterministic, so runs compare.
 */
const TOPICS = `kubernetes docker rust python typescript javascript react vue svelte postgres sqlite
redis kafka graphql rest grpc websocket latency throughput scaling caching replication sharding
indexing observability tracing logging metrics alerting security privacy encryption oauth
passwords phishing compliance accessibility performance memory garbage compiler webassembly
serverless edge cdn deployment rollback canary testing fuzzing mutation property coverage
refactoring architecture microservices monolith modules migrations schema backups recovery
incidents postmortem oncall burnout hiring mentoring onboarding documentation keynote workshop
slides demo livecoding speaker audience lunch coffee wifi venue badge sponsor booth swag
machine learning inference training embeddings vectors search ranking recommendation fairness
bias ethics climate energy carbon efficiency hardware arm risc gpu quantum blockchain
accessibility screenreader contrast keyboard mobile offline sync conflict crdt realtime
streaming batch pipeline orchestration terraform ansible nix reproducible builds supply chain`
  .split(/\s+/)
  .filter(Boolean);
const FILLER =
  'the a is of and to in for on with this that it so really great talk about how why what when we our'.split(
    ' ',
  );
const OPENERS = ['How does', 'Why is', 'What about', 'Can you share', 'Is there', 'When will'];

/** A small seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index into TOPICS with rank-frequency about 1/rank. */
function topic(rand: () => number): string {
  const n = TOPICS.length;
  const rank = Math.floor(Math.exp(rand() * Math.log(n + 1))) - 1;
  return TOPICS[Math.min(n - 1, Math.max(0, rank))]!;
}

export function postText(rand: () => number): string {
  const words: string[] = [];
  const length = 8 + Math.floor(rand() * 20);
  for (let i = 0; i < length; i++)
    words.push(rand() < 0.55 ? FILLER[Math.floor(rand() * FILLER.length)]! : topic(rand));
  if (rand() < 0.3) words.push(`#${topic(rand)}`);
  return words.join(' ');
}

export function questionText(rand: () => number): string {
  const opener = OPENERS[Math.floor(rand() * OPENERS.length)]!;
  return `${opener} ${topic(rand)} ${FILLER[Math.floor(rand() * FILLER.length)]} ${topic(rand)} ${topic(rand)}?`;
}

/** What people type into a search box: words, two words, a phrase, a prefix, an OR. */
export function searchQuery(rand: () => number): string {
  const kind = rand();
  const word = () => topic(rand);
  if (kind < 0.45) return word();
  if (kind < 0.7) return `${word()} ${word()}`;
  if (kind < 0.8) return `"${word()} ${FILLER[Math.floor(rand() * FILLER.length)]}"`;
  if (kind < 0.92) return `${word().slice(0, 4)}*`;
  return `${word()} OR ${word()}`;
}
