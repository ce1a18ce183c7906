import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageBoxOptions } from 'electron';
import { confirmed, externalLinkQuestion, externalOpenDecision, oneAtATime, openProjectQuestion } from './questions.js';

const samePath = (a: string, b: string) => a === b;

describe("switching projects at another program's request", () => {
  it('opens at once when nothing is open, focuses when it is the open project, and asks otherwise', () => {
    assert.equal(externalOpenDecision({ current: null, requested: '/p/B.crosscheck', samePath }), 'open');
    assert.equal(externalOpenDecision({ current: '/p/A.crosscheck', requested: '/p/A.crosscheck', samePath }), 'focus');
    assert.equal(externalOpenDecision({ current: '/p/A.crosscheck', requested: '/p/B.crosscheck', samePath }), 'ask');
    // Same file by the shell's own comparison (e.g. case on Windows and macOS).
    const caseless = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    assert.equal(externalOpenDecision({ current: '/p/A.crosscheck', requested: '/P/a.crosscheck', samePath: caseless }), 'focus');
  });

  it('asks "Open X? The current project stays saved.", with Cancel as the default', () => {
    const q = openProjectQuestion('/data/Mosul desk.crosscheck');
    assert.equal(q.message, 'Open Mosul desk?');
    assert.match(q.detail!, /^\/data\/Mosul desk\.crosscheck\n\nThe current project stays saved\.$/);
    assert.deepEqual(q.buttons, ['Open', 'Cancel']);
    assert.equal(q.defaultId, 1);
    assert.equal(q.cancelId, 1);
  });
});

describe('links to the system browser', () => {
  it('names the host and shows the whole URL, with Cancel as the default', () => {
    const q = externalLinkQuestion('https://example.org/a?b=1');
    assert.equal(q.message, 'Open example.org in your browser?');
    assert.equal(q.detail, 'https://example.org/a?b=1');
    assert.deepEqual(q.buttons, ['Open in Browser', 'Cancel']);
    assert.equal(q.defaultId, 1);
    assert.equal(q.cancelId, 1);
  });

  it('shows a look-alike international host as punycode, and the real host behind a user@ prefix', () => {
    assert.equal(externalLinkQuestion('https://pаypal.com/').message, 'Open xn--pypal-4ve.com in your browser?');
    assert.equal(externalLinkQuestion('https://example.org@evil.example/').message, 'Open evil.example in your browser?');
  });

  it('cuts a very long URL short', () => {
    const q = externalLinkQuestion(`https://example.org/${'a'.repeat(10_000)}`);
    assert.ok(q.detail!.length <= 301, String(q.detail!.length));
    assert.ok(q.detail!.endsWith('…'));
  });
});

describe('one question at a time', () => {
  it('answers yes only for the first button', () => {
    assert.equal(confirmed(0), true);
    assert.equal(confirmed(1), false);
    assert.equal(confirmed(-1), false);
  });

  it('answers no at once while a question is showing, and asks again once it is answered', async () => {
    const shown: MessageBoxOptions[] = [];
    let answer: (n: number) => void = () => undefined;
    const ask = oneAtATime((o) => {
      shown.push(o);
      return new Promise<number>((r) => (answer = r));
    });
    const first = ask({ message: 'first' });
    assert.equal(await ask({ message: 'second' }), false);
    answer(0);
    assert.equal(await first, true);
    const third = ask({ message: 'third' });
    answer(1);
    assert.equal(await third, false);
    assert.deepEqual(
      shown.map((o) => o.message),
      ['first', 'third'],
    );
  });

  it('answers no when the box cannot be shown, and is not stuck afterwards', async () => {
    let fail = true;
    const ask = oneAtATime(async () => {
      if (fail) throw new Error('no window');
      return 0;
    });
    assert.equal(await ask({ message: 'x' }), false);
    fail = false;
    assert.equal(await ask({ message: 'y' }), true);
  });
});
