import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labs } from '../../labs/index.ts';

// Every file a lab says a student edits exists, and the README of its folder names it, so the
// handout and the lab's own teaching agree on what is the student's job.
describe('student files', () => {
  for (const lab of labs) {
    const files = lab.studentFiles ?? [];
    it.each(files)(`lab ${lab.id}: %s exists and its folder's README names it`, (file) => {
      expect(existsSync(file)).toBe(true);
      const readme = readFileSync(join(dirname(file), 'README.md'), 'utf8');
      expect(readme).toContain(`\`${basename(file)}\``);
    });
  }
});
