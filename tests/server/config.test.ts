import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { tempDataDir } from '../helper.ts';

describe('loadConfig', () => {
  it('fills sensible defaults and keeps a generated admin token under DATA_DIR', () => {
    const dir = tempDataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseFile).toBe(join(dir, 'backchannel.db'));
    expect(config.adminToken).toMatch(/^bca_/);
    expect(readFileSync(join(dir, 'admin-token'), 'utf8').trim()).toBe(config.adminToken);
    expect(statSync(join(dir, 'admin-token')).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: dir }).adminToken).toBe(config.adminToken);
    expect(config.firstEvent).toEqual({
      name: 'My Conference',
      hashtag: 'backchannel',
      code: undefined,
    });
    rmSync(dir, { recursive: true });
  });

  it('uses ADMIN_TOKEN and PUBLIC_URL when given, without a trailing slash', () => {
    const dir = tempDataDir();
    const config = loadConfig({
      DATA_DIR: dir,
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      PUBLIC_URL: 'https://bc.example.org/',
    });
    expect(config.adminToken).toBe('a-long-enough-admin-token');
    expect(config.publicUrl).toBe('https://bc.example.org');
    rmSync(dir, { recursive: true });
  });

  it.each([
    ['PORT', '70000', /Invalid PORT="70000"/],
    ['LOG_LEVEL', 'loud', /Invalid LOG_LEVEL="loud"/],
    ['PUBLIC_URL', 'ftp://x', /Invalid PUBLIC_URL="ftp:\/\/x"/],
    ['ADMIN_TOKEN', 'short', /Invalid ADMIN_TOKEN="short": must be at least 16 characters/],
    ['EVENT_HASHTAG', 'has space', /Invalid EVENT_HASHTAG/],
    ['EVENT_CODE', 'a!', /Invalid EVENT_CODE/],
  ])('names %s when its value %s is bad', (name, value, message) => {
    const dir = tempDataDir();
    expect(() => loadConfig({ DATA_DIR: dir, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, [name]: value })).toThrow(message);
    rmSync(dir, { recursive: true });
  });

  it('normalises the first event hashtag and code', () => {
    const dir = tempDataDir();
    const config = loadConfig({ DATA_DIR: dir, EVENT_HASHTAG: '#DevConf', EVENT_CODE: 'dev26' });
    expect(config.firstEvent.hashtag).toBe('devconf');
    expect(config.firstEvent.code).toBe('DEV26');
    rmSync(dir, { recursive: true });
  });
});
