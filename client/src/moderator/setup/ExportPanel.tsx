import { useState, type ReactNode } from 'react';
import { describeError } from '../../lib/errors.ts';
import {
  downloadExport,
  formatBytes,
  type ExportFilters,
  type ExportKind,
} from '../../lib/exports.ts';
import type { PostStatus } from '../../lib/types.ts';
import { useConsole } from '../common/console-context.tsx';

type Job =
  { state: 'preparing' } | { state: 'saved'; text: string } | { state: 'failed'; text: string };

const POST_STATUSES: PostStatus[] = ['pending', 'approved', 'rejected', 'hidden'];

/**
 * The record of the day as files: what a moderator hands the organisers and speakers once the
 * last talk is over. Each file is fetched with the key in a header and saved from memory.
 */
export function ExportPanel() {
  const { channel, event, token } = useConsole();
  const { sessions } = channel;
  const [session, setSession] = useState<number | null>(null);
  const [status, setStatus] = useState<PostStatus | null>(null);
  const [jobs, setJobs] = useState<Partial<Record<ExportKind, Job>>>({});

  async function run(kind: ExportKind, filters: ExportFilters) {
    setJobs((current) => ({ ...current, [kind]: { state: 'preparing' } }));
    let job: Job;
    try {
      const saved = await downloadExport(event.id, token, kind, filters, event.code);
      job = { state: 'saved', text: `Saved ${saved.filename} (${formatBytes(saved.bytes)}).` };
    } catch (failure) {
      job = { state: 'failed', text: `Could not export: ${describeError(failure)}` };
    }
    setJobs((current) => ({ ...current, [kind]: job }));
  }

  const row = (
    kind: ExportKind,
    title: string,
    format: string,
    about: string,
    label: string,
    filters: ExportFilters,
    control?: ReactNode,
  ) => {
    const job = jobs[kind];
    const preparing = job?.state === 'preparing';
    return (
      <section
        className="export-row"
        data-testid={`export-${kind}`}
        aria-labelledby={`export-${kind}-title`}
      >
        <div className="export-what">
          <h3 id={`export-${kind}-title`}>
            {title} <span className="export-format">{format}</span>
          </h3>
          <p className="hint">{about}</p>
        </div>
        <div className="export-controls">
          {control}
          <button
            type="button"
            className="primary"
            aria-busy={preparing}
            disabled={preparing}
            onClick={() => void run(kind, filters)}
            data-testid={`export-${kind}-download`}
          >
            {preparing ? 'Preparing…' : label}
          </button>
        </div>
        {job && job.state !== 'preparing' && (
          <p
            className={job.state === 'failed' ? 'field-error' : 'notice'}
            role={job.state === 'failed' ? 'alert' : 'status'}
            data-testid={`export-${kind}-result`}
            data-state={job.state}
          >
            {job.text}
          </p>
        )}
      </section>
    );
  };

  return (
    <div className="export-panel">
      <p className="hint">
        Everything said at this event, as files to keep: read from the server's whole record, not
        only what this console has loaded.
      </p>
      {row(
        'report',
        'Report',
        'Markdown',
        'Questions per session, best first, then the wall. Leaves out dismissed questions and posts the wall never showed.',
        'Download report',
        {},
      )}
      {row(
        'questions',
        'Questions',
        'CSV',
        'One row per question in every status, with votes and answer times. Anonymous askers stay anonymous.',
        'Download questions',
        { session },
        <label className="field">
          <span>Session</span>
          <select
            value={session ?? ''}
            onChange={(e) => setSession(e.target.value ? Number(e.target.value) : null)}
            data-testid="export-session"
          >
            <option value="">Every session</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.room ? ` · ${s.room}` : ''}
              </option>
            ))}
          </select>
        </label>,
      )}
      {row(
        'posts',
        'Posts',
        'CSV',
        'One row per post from every source, with its status, flags and hashtags.',
        'Download posts',
        { status },
        <label className="field">
          <span>Status</span>
          <select
            value={status ?? ''}
            onChange={(e) => setStatus((e.target.value || null) as PostStatus | null)}
            data-testid="export-status"
          >
            <option value="">Every status</option>
            {POST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)} only
              </option>
            ))}
          </select>
        </label>,
      )}
      {row(
        'json',
        'Everything',
        'JSON',
        'Sessions, questions and posts in every status, in one stable document for scripts and archives.',
        'Download everything',
        {},
      )}
      <p className="hint">
        Spreadsheet cells that would start a formula begin with an apostrophe, so attendee text
        stays text.
      </p>
    </div>
  );
}
