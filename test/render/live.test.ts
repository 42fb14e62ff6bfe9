import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/engine/recorder.js';
import { liveLog } from '../../src/render/live.js';
import { plain } from './fixtures.js';

describe('liveLog', () => {
  it('writes each log line as it is recorded, its task column growing with the names seen', () => {
    let now = 0;
    const recorder = new Recorder(() => now);
    const written: string[] = [];
    recorder.subscribe(liveLog(plain(), (text) => written.push(text)));
    const toast = recorder.startTask('toast');
    toast.log('start toast');
    recorder.sample('depth', 1); // not a line
    const coffee = recorder.startTask('coffee');
    coffee.log('start coffee');
    now = 2000;
    toast.succeed('Crispy toast'); // not a line either
    toast.log('toast ready');
    recorder.log('all done');
    expect(written).toEqual([
      '  0.000s  toast  start toast\n',
      '  0.000s  coffee  start coffee\n',
      '  2.000s  toast   toast ready\n',
      '  2.000s          all done\n',
    ]);
  });
});
