/** What each instance is asked for, from every event's settings, and the banner line. */
import type { MastodonConfig } from '../../config.ts';
import type { EventSources } from '../settings.ts';

/** One line for the start banner: which instances are polled, for how many events. */
export function describeMastodon(config: MastodonConfig, events: EventSources[]): string {
  const plans = planInstances(events);
  const on = events.filter((event) => event.mastodon.enabled).length;
  if (plans.size === 0)
    return 'off until an event names instances in its source settings (or set MASTODON_INSTANCES)';
  return `hashtag timelines every ${Math.round(config.pollMs / 1000)} s on ${[...plans.keys()].join(', ')} for ${on} of ${events.length} ${events.length === 1 ? 'event' : 'events'}`;
}

/** What one instance is asked for, from every event that names it. */
export interface InstancePlan {
  origin: string;
  tags: string[];
  events: EventSources[];
  /** A user token for the instance, if an event gave one. */
  token: string | null;
  /** Accounts whose mentions to read, each with its token and the events that want them. */
  mentions: Array<{ acct: string; token: string; eventIds: number[] }>;
}

export function planInstances(all: EventSources[]): Map<string, InstancePlan> {
  const plans = new Map<string, InstancePlan>();
  for (const event of all) {
    if (!event.mastodon.enabled) continue;
    for (const { origin, token } of event.mastodon.instances) {
      const plan = plans.get(origin) ?? { origin, tags: [], events: [], token: null, mentions: [] };
      plans.set(origin, plan);
      plan.events.push(event);
      plan.tags = [...new Set([...plan.tags, ...event.tags])];
      plan.token ??= token;
      const acct = event.mastodon.mentions;
      if (acct && token && acct.endsWith(`@${new URL(origin).host}`)) {
        const wanted = plan.mentions.find((m) => m.acct === acct);
        if (wanted) wanted.eventIds.push(event.eventId);
        else plan.mentions.push({ acct, token, eventIds: [event.eventId] });
      }
    }
  }
  return plans;
}
