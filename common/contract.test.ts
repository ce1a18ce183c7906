import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { contract, dispatch, isMethod, isReadMethod, methods, parseArgs, pathsIn, type Handlers, type Method } from './contract.js';
import { backendEvents, isEventName } from './events.js';
import { AppError, fromWireError, toWireError } from './errors.js';

/** Asserts that parseArgs refuses `args` with an InvalidInput error whose message names method and field. */
function refuses(method: Parameters<typeof parseArgs>[0], args: unknown, field: string | RegExp) {
  let caught: unknown;
  try {
    parseArgs(method, args);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `${method} accepted ${JSON.stringify(args)}`);
  assert.equal(caught.name, 'InvalidInput');
  assert.ok(caught.message.startsWith(`${method}: `), caught.message);
  if (typeof field === 'string') assert.ok(caught.message.includes(`: ${field}: `), `"${caught.message}" should name ${field}`);
  else assert.match(caught.message, field);
  return caught.message;
}

describe('parseArgs rejects bad payloads naming the method and the field', () => {
  test('negative offsets', () => {
    refuses('annotations.create', { docId: 1, labelId: 1, start: -1, end: 3 }, 'start');
    refuses('annotations.create', { docId: 1, labelId: 1, start: 0, end: -3 }, 'end');
    refuses('documents.list', { offset: -5 }, 'offset');
  });

  test('non-integer and non-positive ids', () => {
    refuses('documents.get', { id: 1.5 }, 'id');
    refuses('documents.get', { id: 0 }, 'id');
    refuses('documents.get', { id: -2 }, 'id');
    refuses('documents.get', { id: '3' }, 'id');
    refuses('annotations.create', { docId: 1, labelId: 2.2, start: 0, end: 1 }, 'labelId');
    refuses('annotations.create', { docId: 1, labelId: 1, start: 0.5, end: 1 }, 'start');
  });

  test('bad colour, with the readable hint', () => {
    const msg = refuses('labels.create', { name: 'x', color: 'red' }, 'color');
    assert.match(msg, /#1f77b4/);
    refuses('labels.create', { name: 'x', color: '#12345' }, 'color');
    refuses('labels.create', { name: 'x', color: '#1234567' }, 'color');
    refuses('labels.update', { id: 1, color: '#gggggg' }, 'color');
  });

  test('label keys other than one digit or lower-case letter', () => {
    for (const key of ['A', 'ab', '', '!', ' ', 'ж']) {
      const msg = refuses('labels.create', { name: 'x', color: '#000000', key }, 'key');
      assert.match(msg, /shortcut key/);
    }
    assert.equal(parseArgs('labels.create', { name: 'x', color: '#000000', key: null }).key, null);
    assert.equal(parseArgs('labels.create', { name: 'x', color: '#000000', key: 'q' }).key, 'q');
    assert.equal(parseArgs('labels.create', { name: 'x', color: '#000000', key: '7' }).key, '7');
  });

  test('missing fields', () => {
    refuses('annotations.create', { labelId: 1, start: 0, end: 1 }, 'docId');
    refuses('annotations.create', { docId: 1, start: 0, end: 1 }, 'labelId');
    refuses('labels.create', { color: '#000000' }, 'name');
    refuses('labels.create', { name: 'x' }, 'color');
    refuses('search.query', {}, 'q');
    refuses('import.paths', {}, 'paths');
    refuses('export.toFile', { format: 'jsonl' }, 'path');
  });

  test('nested fields are named by their path', () => {
    refuses('import.files', { files: [{ path: 'a.txt' }] }, 'files.0.data');
    refuses(
      'annotations.restore',
      {
        annotation: {
          id: 1, docId: 1, labelId: 1, start: 0, end: -1, text: '', note: '', attributes: {}, createdAt: '', updatedAt: '',
        },
      },
      'annotation.end',
    );
  });

  test('wrong enum values and empty arrays', () => {
    refuses('documents.list', { sort: 'length' }, 'sort');
    refuses('documents.list', { dir: 'up' }, 'dir');
    refuses('export.toFile', { format: 'csv', path: '/tmp/x' }, 'format');
    refuses('import.paths', { paths: [] }, 'paths');
  });

  test('names are trimmed and a blank name is refused', () => {
    refuses('labels.create', { name: '   ', color: '#000000' }, 'name');
    assert.equal(parseArgs('labels.create', { name: '  claim  ', color: '#000000' }).name, 'claim');
  });

  test('a payload that is not an object is refused as a whole', () => {
    refuses('documents.get', 42, 'arguments');
    refuses('documents.get', 'id=1', 'arguments');
  });
});

describe('parseArgs applies defaults', () => {
  test('documents.list with no args (and with undefined/null) gets every default', () => {
    const expected = { sort: 'imported', dir: 'asc', offset: 0, limit: 1000, filter: {} };
    assert.deepEqual(parseArgs('documents.list', {}), expected);
    assert.deepEqual(parseArgs('documents.list', undefined), expected);
    assert.deepEqual(parseArgs('documents.list', null), expected);
  });

  test('documents.list keeps given values and defaults the rest', () => {
    assert.deepEqual(parseArgs('documents.list', { sort: 'title', limit: 5 }), {
      sort: 'title', dir: 'asc', offset: 0, limit: 5, filter: {},
    });
  });

  test('search.query limit defaults to 50 and is bounded', () => {
    assert.equal(parseArgs('search.query', { q: 'x' }).limit, 50);
    refuses('search.query', { q: 'x', limit: 0 }, 'limit');
    refuses('search.query', { q: 'x', limit: 501 }, 'limit');
  });

  test('unknown extra keys are dropped rather than passed to handlers', () => {
    const parsed = parseArgs('documents.get', { id: 3, evil: true }) as Record<string, unknown>;
    assert.deepEqual(parsed, { id: 3 });
  });
});

describe('dispatch', () => {
  const calls: { method: string; args: unknown }[] = [];
  const handlers = Object.fromEntries(
    methods.map((m) => [m, async (a: unknown) => (calls.push({ method: m, args: a }), { handled: m })]),
  ) as unknown as Handlers;

  test('rejects unknown methods with InvalidInput naming the method, without calling anything', async () => {
    calls.length = 0;
    for (const bad of ['nope.nothing', 'toString', '__proto__', 'constructor', 42, undefined]) {
      await assert.rejects(dispatch(handlers, bad, {}), (e: Error) => {
        assert.equal(e.name, 'InvalidInput');
        assert.match(e.message, /unknown method/);
        return true;
      });
    }
    await assert.rejects(dispatch(handlers, 'nope.nothing', {}), /"nope\.nothing"/);
    assert.equal(calls.length, 0);
  });

  test('validates before calling the handler', async () => {
    calls.length = 0;
    await assert.rejects(dispatch(handlers, 'documents.get', { id: -1 }), { name: 'InvalidInput' });
    assert.equal(calls.length, 0);
  });

  test('passes validated (defaulted) args to the named handler and returns its result', async () => {
    calls.length = 0;
    const out = await dispatch(handlers, 'documents.list', { sort: 'date' });
    assert.deepEqual(out, { handled: 'documents.list' });
    assert.deepEqual(calls, [{ method: 'documents.list', args: { sort: 'date', dir: 'asc', offset: 0, limit: 1000, filter: {} } }]);
  });

  test('isMethod only accepts contract keys, not inherited properties', () => {
    assert.ok(isMethod('labels.list'));
    assert.ok(!isMethod('hasOwnProperty'));
    assert.ok(!isMethod(null));
    assert.deepEqual(new Set(methods), new Set(Object.keys(contract)));
  });
});

describe('wire errors', () => {
  test('an AppError round-trips with its name and message', () => {
    for (const name of ['InvalidInput', 'NotFound', 'Conflict', 'ReadOnly', 'Unsupported', 'Internal'] as const) {
      const wire = toWireError(new AppError(name, `boom ${name}`));
      assert.deepEqual(wire, { name, message: `boom ${name}` });
      const back = fromWireError(JSON.parse(JSON.stringify(wire)));
      assert.ok(back instanceof AppError);
      assert.equal(back.name, name);
      assert.equal(back.message, `boom ${name}`);
    }
  });

  test('an argument error from parseArgs stays InvalidInput on the wire', () => {
    let e: unknown;
    try {
      parseArgs('documents.get', { id: -1 });
    } catch (x) {
      e = x;
    }
    const wire = toWireError(e);
    assert.equal(wire.name, 'InvalidInput');
    assert.match(wire.message, /documents\.get: id:/);
  });

  test('never carries a stack, only name and message', () => {
    const err = new AppError('NotFound', 'Document 9 does not exist.');
    const wire = toWireError(err);
    assert.deepEqual(Object.keys(wire).sort(), ['message', 'name']);
    assert.doesNotMatch(JSON.stringify(wire), /at .*\.ts:\d+/);
    const plain = toWireError(new TypeError('x is not a function'));
    assert.deepEqual(Object.keys(plain).sort(), ['message', 'name']);
    assert.ok(!JSON.stringify(plain).includes('\n    at '));
  });

  test('plain errors become Internal, ZodError becomes InvalidInput, non-errors are stringified', () => {
    assert.deepEqual(toWireError(new TypeError('bad')), { name: 'Internal', message: 'bad' });
    const zodLike = { name: 'ZodError', message: '[...]' };
    assert.equal(toWireError(zodLike).name, 'InvalidInput');
    assert.deepEqual(toWireError('just a string'), { name: 'Internal', message: 'just a string' });
    assert.deepEqual(toWireError(undefined), { name: 'Internal', message: 'undefined' });
  });

  test('an unknown-method error from dispatch stays InvalidInput on the wire', async () => {
    const handlers = {} as Handlers;
    const e = await dispatch(handlers, 'no.such', {}).then(
      () => assert.fail('dispatch accepted an unknown method'),
      (x: unknown) => x,
    );
    assert.deepEqual(toWireError(e), { name: 'InvalidInput', message: 'unknown method "no.such"' });
  });

  test('fromWireError maps unknown names to Internal but keeps the message', () => {
    const e = fromWireError({ name: 'SqliteError', message: 'disk I/O error' });
    assert.equal(e.name, 'Internal');
    assert.equal(e.message, 'disk I/O error');
  });
});

describe('what each method declares', () => {
  const shapeOf = (m: Method) => contract[m].args.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;

  test('every declared path argument exists and holds a string or a list of strings', () => {
    for (const m of methods) {
      for (const { arg, access } of contract[m].paths) {
        const field = shapeOf(m)[arg];
        assert.ok(field, `${m}: no argument ${arg}`);
        assert.ok(field.safeParse('/x/y').success || field.safeParse(['/x/y']).success, `${m}.${arg} is not a path`);
        assert.ok(access === 'read' || access === 'write', `${m}.${arg}`);
      }
    }
  });

  test('an argument named like a file-system path is always declared as one (so no host lets it through unchecked)', () => {
    // (`dir` is a sort direction in documents.list; nested `files[].path` in import.files names an upload, not a path here.)
    const pathLike = /^(paths?|dest|folder|file|out|target)$|Path$/;
    for (const m of methods) {
      const declared = new Set(contract[m].paths.map((p) => p.arg));
      for (const arg of Object.keys(shapeOf(m))) {
        if (pathLike.test(arg)) assert.ok(declared.has(arg), `${m}: argument "${arg}" looks like a path but is not declared in paths`);
      }
    }
  });

  test('reads never tell other windows; only reads skip the queue; events named are backend events', () => {
    for (const m of methods) {
      const c = contract[m];
      if (c.effect === 'read') assert.equal(c.tellsOthers, false, m);
      if (c.queue === 'bypass') assert.equal(c.effect, 'read', `${m}: a write must wait its turn`);
      for (const e of c.emits) assert.ok(isEventName(e) && backendEvents.includes(e), `${m} emits ${e}`);
      assert.equal(isReadMethod(m), c.effect === 'read');
    }
    // The facts the hosts relied on before they were declared here.
    assert.deepEqual(methods.filter((m) => contract[m].queue === 'bypass').sort(), ['export.cancel', 'export.run', 'preannotate.cancel']);
    for (const m of ['export.run', 'export.toFile', 'project.backup'] as const) assert.equal(contract[m].effect, 'read', m);
    for (const m of ['project.restore', 'import.paths', 'import.files', 'clusters.rename'] as const) assert.equal(contract[m].effect, 'write', m);
  });

  test('every declared path argument refuses a NUL byte (a raw fs error would leak otherwise)', () => {
    for (const m of methods) {
      for (const { arg } of contract[m].paths) {
        const field = (contract[m].args.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[arg];
        assert.ok(!field.safeParse('/x/a\0b').success && !field.safeParse(['/x/a\0b']).success, `${m}.${arg} takes a NUL byte`);
      }
    }
  });

  test('pathsIn finds each declared path with its access, flattening lists and skipping non-strings', () => {
    assert.deepEqual(pathsIn('import.paths', { paths: ['/a', 3 as unknown as string, '/b'], format: 'auto' }), [
      { path: '/a', access: 'read' },
      { path: '/b', access: 'read' },
    ]);
    assert.deepEqual(pathsIn('export.run', parseArgs('export.run', { format: 'csv', dest: '/d' })), [{ path: '/d', access: 'write' }]);
    assert.deepEqual(pathsIn('export.toFile', { format: 'jsonl', path: '/f' }), [{ path: '/f', access: 'write' }]);
    assert.deepEqual(pathsIn('project.restore', { path: '/r' }), [{ path: '/r', access: 'read' }]);
    assert.deepEqual(pathsIn('labels.list', {}), []);
  });
});
