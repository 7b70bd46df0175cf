import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../../server/exports/csv.ts';
import { bearer, build, seedEvent, type SeededEvent, type TestApp } from '../../helper.ts';
import { seedRecord, type ExportRecord } from './fixtures.ts';

let t: TestApp;
let r: ExportRecord;

beforeAll(async () => {
  t = await build();
  r = seedRecord(t.app);
});
afterAll(() => t.close());

const at = (hour: string, id: number) =>
  `2025-05-01T${hour}:${String(id % 60).padStart(2, '0')}:00.000Z`;

async function download(path: string, event: SeededEvent = r.event) {
  const res = await t.app.inject({
    url: `/api/events/${event.eventId}/export/${path}`,
    headers: bearer(event.moderatorKey),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('csvCell', () => {
  it('leaves a plain value as it is and a null blank', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes a value with a comma, a quote or a line break and doubles the quotes inside', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"');
  });

  it('puts an apostrophe before every value a spreadsheet would read as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves a formula character that does not start the value alone', () => {
    expect(csvCell('1+1=2')).toBe('1+1=2');
    expect(csvCell('mail ada@example.com')).toBe('mail ada@example.com');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends the record with CRLF', () => {
    expect(csvRow(['a', 1, null, true, 'b,c'])).toBe('a,1,,true,"b,c"\r\n');
  });
});

describe('GET /api/events/:eventId/export/questions.csv', () => {
  it('writes every question of every session, oldest first, exactly as RFC 4180 with a BOM', async () => {
    const res = await download('questions.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${r.event.code}-questions.csv"`,
    );
    const { answered, approved, anonymous, pending, dismissed, other } = r.questions;
    const keynote = `${r.event.sessionId},Keynote,Main hall`;
    expect(res.body).toBe(
      [
        '\uFEFFid,session_id,session,room,status,votes,author,anonymous,text,created_at,answered_at,post_id,merged_into,merged_at',
        `${answered},${keynote},answered,0,Ada,false,Which one was answered?,${at('11', answered)},2025-05-01T12:00:00.000Z,,,`,
        `${approved},${keynote},approved,3,'@bob,false,"Great, ""really"" great\nsecond line",${at('11', approved)},,,,`,
        `${anonymous},${keynote},approved,1,Anonymous,true,Who am I?,${at('11', anonymous)},,,,`,
        `${pending},${keynote},pending,0,'@bob,false,Never looked at?,${at('11', pending)},,,,`,
        `${dismissed},${keynote},dismissed,0,Ada,false,"Dismissed, off topic?",${at('11', dismissed)},,,,`,
        `${other},${r.room2.sessionId},Second talk,Room B,approved,0,'@bob,false,"'=HYPERLINK(""http://evil.example"",""click"")",${at('11', other)},,,,`,
        '',
      ].join('\r\n'),
    );
  });

  it('keeps one session with ?session=', async () => {
    const res = await download(`questions.csv?session=${r.room2.sessionId}`);
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${r.questions.other},${r.room2.sessionId},Second talk,`));
  });
});

describe('GET /api/events/:eventId/export/posts.csv', () => {
  it('writes every post in every status, oldest first, with the formula and the line break defused', async () => {
    const res = await download('posts.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${r.event.code}-posts.csv"`,
    );
    const { approved, tricky, formula, pending, rejected, hostile, hidden } = r.posts;
    const ada = `web,,Ada,`; // source, source_id, author, handle
    const start = (id: number) => `${id},${at('10', id)}`;
    expect(res.body).toBe(
      [
        '\uFEFFid,created_at,status,source,source_id,author,handle,text,hashtags,media,flags,pinned,question_id',
        `${start(approved)},approved,${ada},Plain post,,,,false,`,
        `${start(tricky)},approved,${ada},"Great, ""really"" great\nsecond line",,,,false,`,
        `${start(formula)},approved,web,,'@bob,,"'=HYPERLINK(""http://evil.example"",""click"")",,,,false,`,
        `${start(pending)},pending,${ada},Still waiting,,,,false,`,
        `${start(rejected)},rejected,web,,'@bob,,Rejected one,,,,false,`,
        `${start(hostile)},approved,${ada},[click](javascript:alert(1)) <img src=x onerror=alert(1)> # Heading,,,,false,`,
        `${start(hidden)},hidden,web,,'@bob,,Taken down later,,,,false,`,
        '',
      ].join('\r\n'),
    );
  });

  it('keeps one status with ?status=', async () => {
    const res = await download('posts.csv?status=rejected');
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines.map((line) => line.split(',')[0])).toEqual(['\uFEFFid', String(r.posts.rejected)]);
  });

  it('lists hashtags, media and flags space-separated, and marks the pinned post', async () => {
    const event = seedEvent(t.app);
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.eventId}/posts`,
      headers: bearer(event.apiKey),
      payload: {
        text: 'Tagged #Rust #AI',
        author: { name: 'Bot', handle: 'bot' },
        sourceId: 'crm-1',
        media: ['https://a.example/1.png', 'https://a.example/2.png'],
      },
    });
    const id = api.json().id as number;
    t.app.domain.posts.moderate({ kind: 'moderator', eventId: event.eventId }, id, 'approve');
    t.app.domain.posts.moderate({ kind: 'moderator', eventId: event.eventId }, id, 'pin');
    const [, line] = (await download('posts.csv', event)).body.split('\r\n');
    expect(line!.split(',').slice(2)).toEqual([
      'approved',
      'api',
      'crm-1',
      'Bot',
      'bot',
      'Tagged #Rust #AI',
      '#rust #ai',
      'https://a.example/1.png https://a.example/2.png',
      '',
      'true',
      '',
    ]);
  });
});
