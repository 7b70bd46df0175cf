/**
 * `npm run archive -- CODE --out DIR` as a terminal runs it, next to a running server: the
 * files it writes, that every link among them resolves, and that nothing private is in them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, seedEvent, type TestApp } from '../helper.ts';
import { HIDDEN, UNNAMED, seedArchive, type ArchiveRecord } from '../server/archive/fixtures.ts';

const root = join(import.meta.dirname, '..', '..');
let t: TestApp;
let record: ArchiveRecord;
let out: string;

function archive(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATA_DIR: _dir, PUBLIC_URL: _url, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/archive.ts', ...args],
      {
        cwd: root,
        env: { ...inherited, DATA_DIR: t.config.dataDir, PUBLIC_URL: 'https://conf.example' },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  t = await build();
  record = seedArchive(t.app);
  out = mkdtempSync(join(tmpdir(), 'archive-export-'));
});
afterAll(async () => {
  await t.close();
  rmSync(out, { recursive: true, force: true });
});

describe('npm run archive', () => {
  it('writes the archive as static files whose every relative link resolves', async () => {
    const run = await archive([record.event.code.toLowerCase(), '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = (readdirSync(out, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.html') || f.endsWith('.atom'))
      .sort();
    const session = record.event.sessionId;
    const top = files.filter((f) => !f.includes('/'));
    expect(top).toEqual(
      [
        'feed.atom',
        'index.html',
        'links.html',
        'people.html',
        'posts.html',
        `session-${session}.atom`,
        `session-${session}.html`,
      ].sort(),
    );
    // The session's topic and the post's hashtag; the speaker and Nora's pages.
    expect(files).toEqual(
      expect.arrayContaining([
        'topics/zebrascale.html',
        'topics/rustlang.html',
        'people/dr_speaker.html',
      ]),
    );
    expect(files.filter((f) => f.startsWith('people/')).length).toBeGreaterThan(1);
    expect(run.stdout).toContain(`Wrote ${files.length} files`);
    let links = 0;
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, file), 'utf8');
      // No search box: a static host cannot answer it.
      expect(html).not.toContain('action="search"');
      // Resolved as a browser does: against the page, or the <base> it names.
      const page = new URL(file, 'file:///archive/');
      const base = new URL(html.match(/<base href="([^"]+)"/)?.[1] ?? '', page);
      const body = html.replace(/<base [^>]*>/, '');
      for (const [, href] of body.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
        if (/^https?:/.test(href!) || href === 'data:,') continue; // the empty icon (layout.ts)
        const target = new URL(href!.replace(/&amp;/g, '&'), base);
        expect(target.href, `${href} linked from ${file}`).toMatch(/^file:\/\/\/archive\//);
        const name = decodeURIComponent(target.pathname.slice('/archive/'.length));
        expect(files, `${href} linked from ${file}`).toContain(name);
        links++;
      }
    }
    expect(links).toBeGreaterThan(50);
  });

  it('writes the same page the server serves, but for the search box', async () => {
    const served = (
      await t.app.inject(`/e/${record.event.code}/archive/session-${record.event.sessionId}.html`)
    ).body;
    const written = readFileSync(join(out, `session-${record.event.sessionId}.html`), 'utf8');
    const main = (html: string) => html.slice(html.indexOf('<h1>'), html.indexOf('</main>'));
    expect(main(written)).toBe(main(served));
    for (const file of ['people.html', 'people/dr_speaker.html', 'topics/zebrascale.html']) {
      const live = await t.app.inject(`/e/${record.event.code}/archive/${file}`);
      expect(live.statusCode, file).toBe(200);
      expect(main(readFileSync(join(out, file), 'utf8')), file).toBe(main(live.body));
    }
  });

  it('names the feeds by the public address, and leaves out everything private', async () => {
    expect(readFileSync(join(out, 'feed.atom'), 'utf8')).toContain(
      `<id>https://conf.example/e/${record.event.code}/archive/feed.atom</id>`,
    );
    const all = (readdirSync(out, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.html') || f.endsWith('.atom'))
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
    for (const text of Object.values(HIDDEN)) expect(all).not.toContain(text.split(' ')[0]);
    for (const name of Object.values(UNNAMED)) expect(all).not.toContain(name);
  });

  it('refuses an event whose archive is off, and a call without --out, with one line', async () => {
    const closed = seedEvent(t.app);
    const refused = await archive([closed.code, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^No open archive for /);
    const usage = await archive([closed.code]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^Usage:/);
  });
});
