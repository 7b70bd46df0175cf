/**
 * `npm run events -- list | create | rotate`: the organiser's terminal. Talks to the running server over
 * HTTP with the admin token, exactly as the admin page does, and prints each event's links the
 * way the start banner does. It never opens the database itself: the server owns it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adminTokenFile } from '../server/config.ts';
import { accessLines } from '../server/events/access.ts';
import {
  KeyKind,
  type CreateEventBody,
  type EventAccess,
  type RotateKeysBody,
} from '../shared/schemas/events.ts';

const USAGE = `Usage:
  npm run events -- list
  npm run events -- create --name "DevConf" [--code DEVCONF] [--hashtag devconf --hashtag devconf26]
                           [--question-tag ask] [--post-moderation pre|post] [--question-moderation pre|post]
                           [--no-anonymous]
  npm run events -- rotate --event ML8T42 [--key moderator --key speaker --key apiKey]
                           replaces the event's keys (all three unless --key names some; speaker
                           covers every session's speaker key too); the old ones stop working at once

Options:
  --url URL   the server (default: PUBLIC_URL, or http://localhost:PORT, PORT defaulting to 3000)
  --json      print the server's JSON instead of the links
  --help      this text

The admin token comes from ADMIN_TOKEN, or else from DATA_DIR/admin-token (DATA_DIR defaults to data).`;

const OPTIONS = {
  url: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  name: { type: 'string' },
  code: { type: 'string' },
  hashtag: { type: 'string', multiple: true },
  'question-tag': { type: 'string' },
  'post-moderation': { type: 'string' },
  'question-moderation': { type: 'string' },
  'no-anonymous': { type: 'boolean' },
  event: { type: 'string' },
  key: { type: 'string', multiple: true },
} as const;

/** Server field paths (`body.settings.postModeration`) as the flags that set them. */
const FLAG_OF: Record<string, string> = {
  name: '--name',
  code: '--code',
  hashtags: '--hashtag',
  questionTag: '--question-tag',
  postModeration: '--post-moderation',
  questionModeration: '--question-moderation',
  allowAnonymous: '--no-anonymous',
};

class CliError extends Error {}

function serverUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = flag ?? (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`);
  if (!/^https?:\/\/[^/]/.test(url))
    throw new CliError(
      `the server URL must start with http:// or https://, not ${JSON.stringify(url)}`,
    );
  return url.replace(/\/+$/, '');
}

/** The token and where it came from, for an error message that says what to check. */
function adminToken(env: NodeJS.ProcessEnv): { token: string; from: string } {
  if (env.ADMIN_TOKEN) return { token: env.ADMIN_TOKEN.trim(), from: 'ADMIN_TOKEN' };
  const file = adminTokenFile(env.DATA_DIR || 'data');
  if (!existsSync(file))
    throw new CliError(
      `no admin token: set ADMIN_TOKEN, or DATA_DIR to the server's data folder (${file} does not exist)`,
    );
  return { token: readFileSync(file, 'utf8').trim(), from: file };
}

function describeFields(fields: Record<string, string>, body: CreateEventBody | undefined): string {
  return Object.entries(fields)
    .map(([path, message]) => {
      const parts = path.replace(/^body\.?/, '').split('.');
      const key = parts[0] === 'settings' ? parts[1] : parts[0];
      const flag = (key && FLAG_OF[key]) ?? path;
      // body.hashtags.2: name the tag itself, not its position.
      const tag =
        key === 'hashtags' && parts[1] !== undefined
          ? body?.hashtags?.[Number(parts[1])]
          : undefined;
      return `${flag}${tag === undefined ? '' : ` ${JSON.stringify(tag)}`}: ${message}`;
    })
    .join('; ');
}

async function call<T>(
  base: string,
  path: string,
  auth: { token: string; from: string },
  body?: CreateEventBody | RotateKeysBody,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${auth.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      throw new CliError(`${base} did not answer within 10 s`);
    throw new CliError(
      `no Backchannel server answers at ${base}: is it running (npm start)? Set PUBLIC_URL or PORT, or pass --url`,
    );
  }
  const payload = (await response.json().catch(() => null)) as {
    error?: { id: string; message: string; fields?: Record<string, string> };
  } | null;
  if (response.ok && payload) return payload as T;
  const error = payload?.error;
  if (response.status === 401)
    throw new CliError(
      `the server refused the admin token from ${auth.from}: npm start prints the right one`,
    );
  if (response.status === 403)
    throw new CliError(
      `the token from ${auth.from} is not the admin token (it is another kind of key)`,
    );
  if (error?.fields) throw new CliError(describeFields(error.fields, body as CreateEventBody));
  if (error) throw new CliError(error.message);
  throw new CliError(
    `${base} answered ${response.status}, which is not how a Backchannel server answers`,
  );
}

function createBody(values: ReturnType<typeof parse>['values']): CreateEventBody {
  if (!values.name) throw new CliError('create needs --name "Event name"');
  const settings: NonNullable<CreateEventBody['settings']> = {};
  for (const [flag, key] of [
    ['post-moderation', 'postModeration'],
    ['question-moderation', 'questionModeration'],
  ] as const) {
    const mode = values[flag];
    if (mode === undefined) continue;
    if (mode !== 'pre' && mode !== 'post')
      throw new CliError(`--${flag} is pre (hold until approved) or post (show at once)`);
    settings[key] = mode;
  }
  if (values['no-anonymous']) settings.allowAnonymous = false;
  return {
    name: values.name,
    ...(values.code !== undefined && { code: values.code }),
    ...(values.hashtag && { hashtags: values.hashtag }),
    ...(values['question-tag'] !== undefined && { questionTag: values['question-tag'] }),
    ...(Object.keys(settings).length > 0 && { settings }),
  };
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message goes on to explain `--`; its first sentence is the part that helps here.
    throw new CliError(
      `${(error as Error).message.split(/(?<=\.) /)[0]} (npm run events -- --help)`,
    );
  }
}

function print(accesses: EventAccess[], json: unknown, asJson: boolean | undefined): void {
  if (asJson) {
    console.log(JSON.stringify(json, null, 2));
    return;
  }
  if (accesses.length === 0)
    console.log('No events yet: npm run events -- create --name "My Conference"');
  for (const access of accesses) console.log(`${accessLines(access).join('\n')}\n`);
}

/** `rotate --event CODE|ID [--key …]`: the event is found by its join code or its number. */
async function rotate(
  base: string,
  values: ReturnType<typeof parse>['values'],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (!values.event) throw new CliError('rotate needs --event with the join code or id');
  const keys = values.key?.map((key) => {
    const kind = KeyKind.safeParse(key);
    if (!kind.success)
      throw new CliError(`--key ${JSON.stringify(key)}: one of ${KeyKind.options.join(', ')}`);
    return kind.data;
  });
  const auth = adminToken(env);
  const { events } = await call<{ events: EventAccess[] }>(base, '/api/events', auth);
  const wanted = values.event.trim();
  const found = events.find(
    ({ event }) => event.code === wanted.toUpperCase() || String(event.id) === wanted,
  );
  if (!found) throw new CliError(`no event with the code or id ${JSON.stringify(wanted)}`);
  const body: RotateKeysBody = keys ? { keys: [...new Set(keys)] } : {};
  const access = await call<EventAccess>(
    base,
    `/api/events/${found.event.id}/keys/rotate`,
    auth,
    body,
  );
  if (!values.json)
    console.log(
      `Replaced the ${(body.keys ?? KeyKind.options).join(', ')} keys of "${access.event.name}"; the old ones no longer work.\n`,
    );
  print([access], access, values.json);
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parse(argv);
  const command = positionals[0];
  if (values.help || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command !== 'list' && command !== 'create' && command !== 'rotate')
    throw new CliError(
      command
        ? `unknown command ${JSON.stringify(command)}: list, create or rotate`
        : `list, create or rotate?\n${USAGE}`,
    );
  if (positionals.length > 1)
    throw new CliError(
      `unexpected ${JSON.stringify(positionals[1])}: quote a name with spaces, --name "Dev Conf"`,
    );
  const base = serverUrl(values.url, env);
  if (command === 'list') {
    const list = await call<{ events: EventAccess[] }>(base, '/api/events', adminToken(env));
    print(list.events, list, values.json);
    return;
  }
  if (command === 'rotate') {
    await rotate(base, values, env);
    return;
  }
  const body = createBody(values);
  const created = await call<EventAccess>(base, '/api/events', adminToken(env), body);
  if (!values.json) console.log(`Created event "${created.event.name}".\n`);
  print([created], created, values.json);
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  if (!(error instanceof CliError)) throw error;
  console.error(`events: ${error.message}`);
  process.exit(1);
});
