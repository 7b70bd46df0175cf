import type { ServerResponse } from 'node:http';
import { json, problem } from './responses.ts';

export interface FakeRule {
  id: string;
  value: string;
  tag?: string;
}

/** The fake X's stream rules: listed, added and deleted as the real endpoint does. */
export function createRuleBook() {
  let rules: FakeRule[] = [];
  let nextRuleId = 1_000_000_000_000_000_000n;

  return {
    list: (): FakeRule[] => rules,

    add(value: string, tag?: string): FakeRule {
      const rule = { id: String(nextRuleId++), value, ...(tag ? { tag } : {}) };
      rules.push(rule);
      return rule;
    },

    /** GET …/rules. */
    send(res: ServerResponse) {
      return json(res, 200, {
        ...(rules.length > 0 ? { data: rules } : {}),
        meta: { sent: new Date().toISOString(), result_count: rules.length },
      });
    },

    /** POST …/rules: `add` (a duplicate value is refused per rule) or `delete`. */
    change(res: ServerResponse, body: unknown) {
      const sent = new Date().toISOString();
      const request = body as {
        add?: Array<{ value?: string; tag?: string }>;
        delete?: { ids?: string[] };
      };
      if (request.add) {
        const created: FakeRule[] = [];
        const errors: unknown[] = [];
        for (const rule of request.add) {
          if (!rule.value) {
            errors.push({
              title: 'Invalid Rule',
              detail: 'A rule needs a value',
              type: 'about:blank',
            });
          } else if (rules.some((existing) => existing.value === rule.value)) {
            errors.push({
              value: rule.value,
              id: rules.find((r) => r.value === rule.value)!.id,
              title: 'DuplicateRule',
              type: 'https://api.x.com/2/problems/duplicate-rules',
            });
          } else {
            const added = {
              id: String(nextRuleId++),
              value: rule.value,
              ...(rule.tag ? { tag: rule.tag } : {}),
            };
            rules.push(added);
            created.push(added);
          }
        }
        const summary = {
          created: created.length,
          not_created: errors.length,
          valid: created.length,
          invalid: errors.length,
        };
        return json(res, 201, {
          ...(created.length > 0 ? { data: created } : {}),
          meta: { sent, summary },
          ...(errors.length > 0 ? { errors } : {}),
        });
      }
      if (request.delete?.ids) {
        const ids = new Set(request.delete.ids);
        const deleted = rules.filter((rule) => ids.has(rule.id)).length;
        rules = rules.filter((rule) => !ids.has(rule.id));
        return json(res, 200, {
          meta: { sent, summary: { deleted, not_deleted: ids.size - deleted } },
        });
      }
      return problem(res, 400, 'Invalid Request', 'Send add or delete');
    },
  };
}
