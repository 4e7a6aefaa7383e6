import { describe, expect, it } from 'vitest';
import { parseBlt } from './parse-blt.js';

describe('parseBlt', () => {
  it('reads header, withdrawn line, weighted ballots, ties, names and title', () => {
    const text = [
      '4 2  # four candidates, two seats',
      '-4',
      '3 1 2 0',
      '2 3 1=2 0',
      '1 0',
      '0',
      '"Ana Pérez" "Beto"',
      '"Carla"',
      '"Diego # not a comment"',
      '"Cordón Cerrillos-Maipú"',
      '',
    ].join('\r\n');
    const r = parseBlt(text);
    expect(r).toEqual({
      status: 'parsed',
      profile: {
        candidates: ['Ana Pérez', 'Beto', 'Carla', 'Diego # not a comment'],
        withdrawn: [3],
        seats: 2,
        title: 'Cordón Cerrillos-Maipú',
        ballots: [
          { weight: 3, ranking: [0, 1] },
          { weight: 2, ranking: [2, [0, 1]] },
          { weight: 1, ranking: [] },
        ],
      },
    });
  });

  it('accepts a file without a title', () => {
    const r = parseBlt('2 1\n1 1 0\n0\n"A"\n"B"\n');
    expect(r.status === 'parsed' && r.profile.title).toBeUndefined();
  });

  const cases: Array<[string, string, number, string]> = [
    ['empty file', '', 1, 'empty'],
    ['bad header', '3\n0\n', 1, 'two whole numbers'],
    ['zero seats', '3 0\n0\n', 1, 'at least one seat'],
    ['bad withdrawn', '2 1\n-3\n0\n"A"\n"B"\n', 2, 'not a withdrawn candidate'],
    ['candidate out of range', '2 1\n1 1 3 0\n0\n"A"\n"B"\n', 2, 'not a candidate number (1 to 2)'],
    ['missing terminating 0', '2 1\n1 1 2\n0\n"A"\n"B"\n', 2, 'must end with 0'],
    ['fractional weight', '2 1\n1.5 1 0\n0\n"A"\n"B"\n', 2, 'not a positive whole number'],
    ['candidate twice', '2 1\n1 1 2 1 0\n0\n"A"\n"B"\n', 2, 'ranked twice'],
    ['zero inside', '2 1\n1 1 0 2 0\n0\n"A"\n"B"\n', 2, 'may only end it'],
    ['no end of ballots', '2 1\n1 1 0\n', 3, 'ends before the 0 line'],
    ['missing names', '2 1\n1 1 0\n0\n"A"\n', 5, 'expected 2 candidate names'],
    ['unquoted name', '2 1\n1 1 0\n0\n"A"\nB\n', 5, 'double quotes'],
    ['open quote', '2 1\n1 1 0\n0\n"A\n', 4, 'not closed'],
    ['after title', '2 1\n1 1 0\n0\n"A" "B" "T" "X"\n', 4, 'after the title'],
  ];
  for (const [what, text, line, reason] of cases) {
    it(`refuses ${what} with the line number`, () => {
      const r = parseBlt(text);
      expect(r).toMatchObject({ status: 'malformed', line, reason: expect.stringContaining(reason) });
    });
  }
});
