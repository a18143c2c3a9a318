import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paxosLab } from '../../labs/paxos/index.ts';

const README = readFileSync('labs/paxos/README.md', 'utf8');

/** The README's section listing the files a student edits, up to the next section. */
function filesSection(): string {
  const start = README.indexOf('## The files you edit');
  if (start < 0) throw new Error('labs/paxos/README.md has no "The files you edit" section');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('lab 3 student files', () => {
  const files = paxosLab.studentFiles ?? [];

  it('lists the server core and both leader strategies', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'labs/paxos/paxos-server.ts',
        'labs/paxos/basic-leader.ts',
        'labs/paxos/optimized-leader.ts',
      ]),
    );
  });

  it.each(files)('%s exists and the README lists it among the files you edit', (file) => {
    expect(existsSync(file)).toBe(true);
    expect(filesSection()).toContain(`\`${basename(file)}\``);
  });
});
