import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import {
  renderRequestLine,
  renderServeBanner,
  renderServeSummary,
} from '../../src/render/serve.js';
import { Theme } from '../../src/render/theme.js';
import { ENDPOINTS, type RequestLogEntry } from '../../src/server/server.js';

const theme = new Theme(new Chalk({ level: 0 }));

describe('renderServeBanner', () => {
  it('shows the address, each endpoint with a curl line, and how to stop', () => {
    expect(renderServeBanner('http://127.0.0.1:8080', 0.5, ENDPOINTS, theme)).toBe(
      [
        'async-demos server listening on http://127.0.0.1:8080 · scale 0.5',
        '',
        '  /delay/<seconds>  answers after that many seconds (times the scale)',
        '                    curl http://127.0.0.1:8080/delay/2',
        '  /json             a small JSON document, at once',
        '                    curl http://127.0.0.1:8080/json',
        '  /status/<code>    answers with that HTTP status (200–599)',
        '                    curl http://127.0.0.1:8080/status/404',
        '  /bytes/<n>        n bytes of data (at most 64 MiB)',
        '                    curl http://127.0.0.1:8080/bytes/1024',
        '',
        'Try: async-demos fetch --url http://127.0.0.1:8080/delay/1 --url http://127.0.0.1:8080/json',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  });
});

describe('renderServeSummary', () => {
  it('counts requests and the peak', () => {
    const counts = { connections: 3, requests: 1200, inFlight: 0, peakInFlight: 100 };
    expect(renderServeSummary(counts, theme)).toBe(
      '\nserver closed after 1,200 requests (at most 100 at once)\n',
    );
    expect(renderServeSummary({ ...counts, requests: 1, peakInFlight: 1 }, theme)).toBe(
      '\nserver closed after 1 request (at most 1 at once)\n',
    );
  });
});

describe('renderRequestLine', () => {
  const entry: RequestLogEntry = {
    arrivedAt: new Date(2026, 0, 2, 9, 5, 3, 7),
    method: 'GET',
    path: '/delay/1',
    status: 200,
    completed: true,
    durationMs: 1002.4,
    inFlight: 3,
  };

  it('shows time, method, path, status, duration and requests in flight', () => {
    expect(renderRequestLine(entry, theme, 80)).toBe(
      '09:05:03.007  GET     /delay/1              200   1.002 s  3 in flight\n',
    );
  });

  it('escapes control characters in the path and cuts a long one to fit', () => {
    const path = `/status/\u001b[31m${'x'.repeat(200)}`;
    const line = renderRequestLine({ ...entry, path }, theme, 80);
    expect(line).toContain('/status/\\x1b[31');
    expect(line).toContain('…');
    expect(line).not.toContain('\u001b');
    expect(line.trimEnd().length).toBeLessThanOrEqual(80);
    expect(line).toContain('200   1.002 s  3 in flight');
  });

  it('says when the client left before the answer', () => {
    const line = renderRequestLine({ ...entry, completed: false }, theme, 80);
    expect(line).toContain('---');
    expect(line).toContain('client left');
    expect(line).not.toContain(' 200 ');
  });
});
