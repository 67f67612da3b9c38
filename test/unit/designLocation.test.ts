// The serializer opens a session folder named by the webview's saved state: only a session folder
// of the prompt directly inside a workspace's practice folder is accepted.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSessionDir } from '../../src/core/design/location';

const root = path.resolve('/w/ml-interview/design');
const other = path.resolve('/x/practice/design');

describe('checkSessionDir', () => {
  it('accepts a session folder of the prompt inside a practice folder', () => {
    expect(checkSessionDir([root], path.join(root, 'card-fraud-2026-11-23'), 'card-fraud')).toEqual({ ok: true, dir: path.join(root, 'card-fraud-2026-11-23') });
    expect(checkSessionDir([root, other], path.join(other, 'card-fraud-2026-11-23-2'), 'card-fraud')).toMatchObject({ ok: true });
    // `..` that resolves back inside is the same folder.
    expect(checkSessionDir([root], path.join(root, 'x', '..', 'card-fraud-2026-11-23'), 'card-fraud')).toMatchObject({ ok: true });
  });

  it.each([
    ['/etc/cron.d', 'anywhere else'],
    [path.join(root, '..', '..', '..', 'tmp', 'card-fraud-2026-11-23'), 'escaping with ..'],
    [path.join(root, 'card-fraud-2026-11-23', 'nested'), 'nested deeper'],
    [root, 'the design folder itself'],
    [path.join(root, 'other-prompt-2026-11-23'), "another prompt's folder"],
    [path.join(root, 'card-fraud-notes'), 'not a session folder name'],
    ['ml-interview/design/card-fraud-2026-11-23', 'a relative path'],
  ])('refuses %s (%s) with a reason', (dir) => {
    const r = checkSessionDir([root], dir, 'card-fraud');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason.length).toBeGreaterThan(10);
  });

  it('refuses everything without a workspace', () => {
    expect(checkSessionDir([], path.join(root, 'card-fraud-2026-11-23'), 'card-fraud')).toEqual({ ok: false, reason: 'no workspace folder is open' });
  });
});
