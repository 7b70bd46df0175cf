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

/**
 * Only the difference: rules of ours that no longer match an event's hashtags go, missing ones
 * come. Rules without our tag belong to someone else and are left alone.
 */
export function diffRules(existing: ExistingRule[], desired: DesiredRule[]): { add: DesiredRule[]; remove: ExistingRule[] } {
  const key = (rule: { value: string; tag?: string }) => `${rule.tag ?? ''}\n${rule.value}`;
  const wanted = new Set(desired.map(key));
  const kept = new Set<string>();
  const remove: ExistingRule[] = [];
  for (const rule of existing.filter(isOurRule)) {
    // A second copy of a wanted rule is removed too.
    if (wanted.has(key(rule)) && !kept.has(key(rule))) kept.add(key(rule));
    else remove.push(rule);
  }
  return { add: desired.filter((rule) => !kept.has(key(rule))), remove };
}
