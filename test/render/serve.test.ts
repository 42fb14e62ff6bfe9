import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderServeBanner, renderServeSummary } from '../../src/render/serve.js';
import { Theme } from '../../src/render/theme.js';
import { ENDPOINTS } from '../../src/server/server.js';

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
