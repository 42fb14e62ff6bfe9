import { describe, expect, it } from 'vitest';
import { renderFailures } from '../../src/render/failures.js';
import { plain, run, task } from './fixtures.js';

const failed = (name: string, error: string) =>
  task(name, [['running', 0, 10]], 'error', { error });

describe('renderFailures', () => {
  it('says why each failed task failed, names aligned', () => {
    const result = run({
      variant: 'concurrent',
      tasks: [
        failed('127.0.0.1:9/', 'connection refused by 127.0.0.1:9'),
        task('/json', [['running', 0, 5]]),
        failed('nohost.invalid/', 'host not found: nohost.invalid'),
      ],
    });
    expect(renderFailures(result, plain())).toBe(
      '\n  ✗ 127.0.0.1:9/     connection refused by 127.0.0.1:9\n' +
        '  ✗ nohost.invalid/  host not found: nohost.invalid\n',
    );
  });

  it('is empty without failures, and counts what it does not list', () => {
    expect(
      renderFailures(run({ variant: 'a', tasks: [task('x', [['running', 0, 1]])] }), plain()),
    ).toBe('');
    const many = Array.from({ length: 8 }, (_, i) => failed(`t${i}`, 'HTTP 500'));
    const text = renderFailures(run({ variant: 'a', tasks: many }), plain());
    expect(text.split('\n').filter((line) => line.includes('✗'))).toHaveLength(5);
    expect(text).toContain('… and 3 more');
  });
});
