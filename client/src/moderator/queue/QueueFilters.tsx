import { SOURCE_LABEL } from '../../lib/posts.ts';
import {
  FLAG_FILTER_LABEL,
  FLAG_FILTERS,
  SOURCE_FILTERS,
  STATUS_FILTERS,
  STATUS_LABEL,
  type QueueFilters as Filters,
  type StatusFilter,
} from './queue-model.ts';

interface Props {
  filters: Filters;
  counts: Record<StatusFilter, number>;
  onChange: (filters: Filters) => void;
}

/** Status with counts; source and automatic flags narrow the list (and the counts) further. */
export function QueueFilters({ filters, counts, onChange }: Props) {
  return (
    <>
      <div className="segmented" role="group" aria-label="Status">
        {STATUS_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filters.status === f}
            data-testid={`filter-${f}`}
            onClick={() => onChange({ ...filters, status: f })}
          >
            {STATUS_LABEL[f]} <span className="count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <div className="queue-filters">
        <span className="seg-label" id="filter-source">
          Source
        </span>
        <div className="segmented" role="group" aria-labelledby="filter-source">
          {SOURCE_FILTERS.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={filters.source === s}
              data-testid={`source-${s}`}
              onClick={() => onChange({ ...filters, source: s })}
            >
              {s === 'all' ? 'All' : s === 'web' ? 'Web' : SOURCE_LABEL[s]}
            </button>
          ))}
        </div>
        <span className="seg-label" id="filter-flags">
          Flags
        </span>
        <div className="segmented" role="group" aria-labelledby="filter-flags">
          {FLAG_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filters.flagged === f}
              data-testid={`flagged-${f}`}
              onClick={() => onChange({ ...filters, flagged: f })}
            >
              {FLAG_FILTER_LABEL[f]}
            </button>
          ))}
        </div>
      </div>
    </>
  );
}
