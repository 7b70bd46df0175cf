/**
 * Filtered-stream rules from events' hashtags. One rule per event, tagged with the event, so a
 * matching tweet says which event it belongs to; X refuses two rules with the same value, so
 * events with exactly the same hashtags share one rule whose tag names them all.
 */
import { parseJsonArray } from '../../lib/json.ts';

export interface DesiredRule {
  value: string;
  tag: string;
}

export interface ExistingRule {
  id: string;
  value: string;
  tag?: string;
}

const TAG = /^event:(\d+(?:,\d+)*)$/;

/** The search query (and stream rule value) for a set of hashtags. Retweets are left out. */
export function queryFor(hashtags: string[]): string | null {
  if (hashtags.length === 0) return null;
  const tags = hashtags.map((tag) => `#${tag}`);
  return `${tags.length === 1 ? tags[0] : `(${tags.join(' OR ')})`} -is:retweet`;
}

export function tagFor(eventIds: number[]): string {
  return `event:${[...eventIds].sort((a, b) => a - b).join(',')}`;
}

/** The events a rule tag names; empty for a rule that is not ours. */
export function eventIdsOfTag(tag: string | undefined): number[] {
  const match = tag ? TAG.exec(tag) : null;
  return match ? match[1]!.split(',').map(Number) : [];
}

export const isOurRule = (rule: { tag?: string }) => eventIdsOfTag(rule.tag).length > 0;

export function desiredRules(events: Array<{ id: number; hashtags: string }>): DesiredRule[] {
  const byValue = new Map<string, number[]>();
  for (const event of events) {
    const value = queryFor(parseJsonArray(event.hashtags));
    if (!value) continue;
    byValue.set(value, [...(byValue.get(value) ?? []), event.id]);
  }
  return [...byValue].map(([value, ids]) => ({ value, tag: tagFor(ids) }));
}

/** Which events each rule's matches go to, by rule id (what X names in matching_rules). */
export type RuleRoutes = Map<string, number[]>;

export interface RulePlan {
  add: DesiredRule[];
  remove: ExistingRule[];
  /** Rules already on the X app that carry a wanted value (ours or not), kept and routed by id. */
  routes: RuleRoutes;
}

/**
 * Only the difference: a wanted value that some rule on the X app already has is kept and
 * routed by that rule's id (X refuses a second rule with the same value, whoever made the
 * first, and has no way to change a tag); missing values are added; rules of ours that no
 * longer match an event's hashtags go. Rules without our tag belong to someone else and are
 * never removed. The caller adds before it removes, so no moment is left without a rule.
 */
export function diffRules(existing: ExistingRule[], desired: DesiredRule[]): RulePlan {
  const routes: RuleRoutes = new Map();
  const kept = new Set<string>();
  const add: DesiredRule[] = [];
  for (const rule of desired) {
    const same = existing.filter((candidate) => candidate.value === rule.value);
    const keep =
      same.find((candidate) => candidate.tag === rule.tag) ?? same.find(isOurRule) ?? same[0];
    if (keep) {
      kept.add(keep.id);
      routes.set(keep.id, eventIdsOfTag(rule.tag));
    } else {
      add.push(rule);
    }
  }
  // A second copy of a wanted rule is removed too.
  const remove = existing.filter((rule) => isOurRule(rule) && !kept.has(rule.id));
  return { add, remove, routes };
}

/** X's answer when a value we add exists already: the id of the rule that has it. */
export function duplicateOf(error: { title?: string; type?: string; id?: string; value?: string }) {
  const duplicate = error.title === 'DuplicateRule' || /duplicate-rules$/.test(error.type ?? '');
  return duplicate && error.id && error.value ? { id: error.id, value: error.value } : null;
}
