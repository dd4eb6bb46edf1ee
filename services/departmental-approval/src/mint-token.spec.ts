import { parseMintArgs } from './mint-token';

describe('mint-token arguments', () => {
  it('takes a department, an officer and an optional --ttl', () => {
    expect(parseMintArgs(['420100-SCJGJ', 'officer-7'])).toEqual({
      departmentCode: '420100-SCJGJ',
      officerId: 'officer-7',
      ttlSeconds: 3600,
    });
    expect(parseMintArgs(['--ttl', '60', 'D', 'O'])).toEqual({
      departmentCode: 'D',
      officerId: 'O',
      ttlSeconds: 60,
    });
  });

  it.each([[[]], [['D']], [['D', 'O', 'extra']], [['D', 'O', '--ttl', '0']], [['D', 'O', '--ttl', 'x']]])(
    'refuses %j',
    (argv) => {
      expect(typeof parseMintArgs(argv)).toBe('string');
    },
  );
});
