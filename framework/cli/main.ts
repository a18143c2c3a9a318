import yargs from 'yargs';
import type { LabRegistry } from '../lab/lab-registry.ts';
import { lincheckCommand } from './lincheck-command.ts';
import { listCommand } from './list-command.ts';
import { mergeReportsCommand } from './merge-reports-command.ts';
import { replayCommand } from './replay-command.ts';
import { swarmCommand } from './swarm-command.ts';
import { testCommand } from './test-command.ts';
import { txncheckCommand } from './txncheck-command.ts';
import { vizCommand } from './viz-command.ts';
import { EXIT_USAGE, UsageError } from './usage-error.ts';

function reportUsageError(message: string): void {
  console.error(`tslabs: ${message.split('\n')[0] ?? message}`);
  process.exitCode = EXIT_USAGE;
}

/**
 * The tslabs command, over the labs it is handed (the command line sits above the course: the
 * framework never imports a lab). Usage errors (bad flags, unknown labs, unreadable files) print
 * one line and exit 2; test failures exit 1; anything else unexpected is a bug in tslabs and
 * keeps its stack trace.
 *
 * @param argv - the arguments after the program's name, as `process.argv.slice(2)`.
 */
export async function runCli(registry: LabRegistry, argv: readonly string[]): Promise<void> {
  // `tslabs list | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await yargs([...argv])
      .scriptName('tslabs')
      .command(testCommand(registry))
      .command(replayCommand(registry))
      .command(listCommand(registry))
      .command(vizCommand(registry))
      .command(lincheckCommand)
      .command(txncheckCommand)
      .command(mergeReportsCommand)
      .command(swarmCommand(registry))
      .demandCommand(
        1,
        'give a command: test, replay, list, viz, lincheck, txncheck, swarm or merge-reports (see --help)',
      )
      .strict()
      .version(false)
      .help()
      .fail((message: string | undefined, error: Error | undefined) => {
        if (error !== undefined) throw error;
        throw new UsageError(message ?? 'invalid command line');
      })
      .parseAsync();
  } catch (error) {
    if (error instanceof UsageError) reportUsageError(error.message);
    else throw error;
  }
}
