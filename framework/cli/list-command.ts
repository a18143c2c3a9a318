import chalk from 'chalk';
import type { CommandModule } from 'yargs';
import type { LabRegistry } from '../lab/lab-registry.ts';

/** `tslabs list`: every lab with its parts (titled where the lab names them) and its tests. */
export const listCommand = (registry: LabRegistry): CommandModule => ({
  command: 'list',
  describe: 'List the labs and their tests',
  handler: () => {
    for (const lab of registry.labs) {
      console.log(
        chalk.bold(`Lab ${lab.id} (${lab.name}): ${lab.title}`) +
          (lab.variants === undefined ? '' : chalk.dim(`  variants: ${lab.variants.join(', ')}`)),
      );
      let part: number | undefined;
      for (const test of lab.tests) {
        const title = lab.parts?.[test.part];
        if (test.part !== part && title !== undefined)
          console.log(`  ${chalk.bold(`Part ${test.part}`)}: ${title}`);
        part = test.part;
        const kind = test.kind === 'run' ? chalk.cyan('[RUN]   ') : chalk.magenta('[SEARCH]');
        console.log(
          `  ${`${test.part}.${test.number}`.padEnd(5)} ${kind} ${test.description} ${chalk.dim(`(${test.points} pts)`)}`,
        );
      }
    }
  },
});
