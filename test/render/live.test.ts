import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/engine/recorder.js';
import { liveLog } from '../../src/render/live.js';
import { plain } from './fixtures.js';

describe('liveLog', () => {
  it('writes each log line as it is recorded, its task column growing with the names seen', () => {
    let now = 0;
    const recorder = new Recorder(() => now);
    const written: string[] = [];
    recorder.subscribe(liveLog({ theme: plain(), write: (text) => written.push(text) }));
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
      ' 0.000 s  toast  start toast\n',
      ' 0.000 s  coffee  start coffee\n',
      ' 2.000 s  toast   toast ready\n',
      ' 2.000 s          all done\n',
    ]);
  });

  it('sizes the task column once from the names known up front, so that no line shifts', () => {
    const recorder = new Recorder(() => 0);
    const written: string[] = [];
    const names = ['Bob', 'Charlie'];
    recorder.subscribe(liveLog({ theme: plain(), write: (text) => written.push(text), names }));
    recorder.startTask('Bob').log('starts');
    recorder.startTask('Charlie').log('starts');
    expect(written).toEqual([' 0.000 s  Bob      starts\n', ' 0.000 s  Charlie  starts\n']);
  });

  it('wraps a long message under itself, clear of the time and task columns', () => {
    const recorder = new Recorder(() => 0);
    const written: string[] = [];
    recorder.subscribe(liveLog({ theme: plain(), write: (text) => written.push(text), width: 40 }));
    recorder.startTask('job').log('one two three four five six seven eight nine ten');
    expect(written.join('').split('\n')).toEqual([
      ' 0.000 s  job  one two three four five',
      '               six seven eight nine ten',
      '',
    ]);
  });
});
