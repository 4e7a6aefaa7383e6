import { describe, expect, it } from 'vitest';
import { parsePreflib } from './parse-preflib.js';

const header = [
  '# FILE NAME: 00001-00000001.toi',
  '# TITLE: JAP Población La Victoria',
  '# DATA TYPE: toi',
  '# NUMBER ALTERNATIVES: 3',
  '# ALTERNATIVE NAME 1: Ana',
  '# ALTERNATIVE NAME 2: Beto',
  '# ALTERNATIVE NAME 3: Carla',
];

describe('parsePreflib', () => {
  it('reads a .toi file with ties and metadata', () => {
    const text = [
      ...header,
      '# NUMBER VOTERS: 9',
      '# NUMBER UNIQUE ORDERS: 3',
      '4: 1,3',
      '3: 2, {1,3}',
      '2: 3',
    ].join('\n');
    expect(parsePreflib(text, 'toi')).toEqual({
      status: 'parsed',
      profile: {
        candidates: ['Ana', 'Beto', 'Carla'],
        withdrawn: [],
        title: 'JAP Población La Victoria',
        ballots: [
          { weight: 4, ranking: [0, 2] },
          { weight: 3, ranking: [1, [0, 2]] },
          { weight: 2, ranking: [2] },
        ],
      },
    });
  });

  it('reads a .soi file and names unnamed alternatives', () => {
    const r = parsePreflib('# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: Ana\n5: 2,1\n', 'soi');
    expect(r).toMatchObject({
      status: 'parsed',
      profile: { candidates: ['Ana', 'Alternative 2'], ballots: [{ weight: 5, ranking: [1, 0] }] },
    });
  });

  const cases: Array<[string, string, 'soi' | 'toi', number, string]> = [
    ['no alternatives', '3: 1,2\n', 'soi', 1, 'NUMBER ALTERNATIVES'],
    ['a tie in .soi', '# NUMBER ALTERNATIVES: 3\n2: 1,{2,3}\n', 'soi', 2, 'not allowed in a .soi'],
    ['out of range', '# NUMBER ALTERNATIVES: 3\n1: 1\n2: 1,4\n', 'toi', 3, 'not an alternative (1 to 3)'],
    ['repeated', '# NUMBER ALTERNATIVES: 3\n2: 1,{2,1}\n', 'toi', 2, 'ranked twice'],
    ['no colon', '# NUMBER ALTERNATIVES: 3\n2 1,2\n', 'soi', 2, 'count: ranking'],
    ['zero count', '# NUMBER ALTERNATIVES: 3\n0: 1,2\n', 'soi', 2, 'positive whole number'],
    ['open brace', '# NUMBER ALTERNATIVES: 3\n2: 1,{2,3\n', 'toi', 2, 'not closed'],
    ['trailing comma', '# NUMBER ALTERNATIVES: 3\n2: 1,2,\n', 'soi', 2, 'ends with ","'],
    ['voters mismatch', '# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 5\n2: 1,2\n', 'soi', 2, 'add up to 2'],
    [
      'orders mismatch',
      '# NUMBER ALTERNATIVES: 2\n# NUMBER UNIQUE ORDERS: 2\n2: 1\n',
      'soi',
      2,
      'there are 1',
    ],
    ['named beyond count', '# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 2: X\n', 'soi', 1, 'alternative 2'],
  ];
  for (const [what, text, kind, line, reason] of cases) {
    it(`refuses ${what} with the line number`, () => {
      expect(parsePreflib(text, kind)).toMatchObject({
        status: 'malformed',
        line,
        reason: expect.stringContaining(reason),
      });
    });
  }
});
