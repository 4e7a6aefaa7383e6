import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, defaultConfig, loadConfig, parseDatabaseUrl } from './config.js';

function readmeTable(): { name: string; default: string }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## Configuration')[1]?.split('\nTests read')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*`[A-Z_]+`\s*\|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return { name: cells[1]!.replace(/`/g, ''), default: cells[2]!.replace(/`/g, '') };
    });
}

describe('configuration', () => {
  it('is documented in the README table exactly, in order, with the same defaults', () => {
    expect(readmeTable()).toEqual(CONFIG_VARIABLES.map((v) => ({ name: v.name, default: v.default })));
  });

  it('has working defaults: SQLite in ./data, port 8080, demo on', () => {
    const config = defaultConfig();
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/cordones.db' });
    expect(config.port).toBe(8080);
    expect(config.demo).toBe(true);
  });

  it('reports every bad variable at once', () => {
    const result = loadConfig({ PORT: '80a', DEMO: 'perhaps', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(4);
    expect(result.problems.join('\n')).toMatch(/PORT.*80a[\s\S]*DATABASE_URL[\s\S]*DEMO[\s\S]*LOG_LEVEL/);
  });

  it('switches to PostgreSQL by URL alone', () => {
    const result = loadConfig({ DATABASE_URL: 'postgres://cordones@db.example:5433/cordones' });
    expect(result.ok && result.config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://cordones@db.example:5433/cordones',
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/cordones.db')).toEqual({
      ok: true,
      value: { kind: 'sqlite', path: '/var/lib/cordones.db' },
    });
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(defaultConfig())).toBe(true);
  });
});
