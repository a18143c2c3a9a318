import type { Application } from '../../../framework/index.ts';
import { checkThat, describeValue } from '../../../framework/testing.ts';
import { encode } from '../../../framework/engine.ts';
import { LATEST_CONFIG, query, type ShardMasterCommand } from '../commands.ts';
import type { ShardConfig, ShardMasterResult } from '../results.ts';

/**
 * A shard master under test, seen only through `execute`, with what the tests learned of it:
 * every configuration returned so far, by number. Each query is asked twice (a query must not
 * change anything), and a configuration returned again must be the same value as before.
 */
export class ShardMasterProbe {
  private readonly seen = new Map<number, string>();
  private latestSeen = -1;

  constructor(readonly application: Application<ShardMasterCommand, ShardMasterResult>) {}

  /**
   * Executes a command. The result is copied, so that an application that later changed a
   * value it had returned could not change what the test holds.
   */
  execute(command: ShardMasterCommand): ShardMasterResult {
    return structuredClone(this.application.execute(command));
  }

  /** Executes a command that must succeed. */
  expectOk(command: ShardMasterCommand): void {
    this.expectKind(command, 'Ok');
  }

  /** Executes a command that must be refused, and checks it created no configuration. */
  expectError(command: ShardMasterCommand): void {
    const before = this.latestSeen;
    this.expectKind(command, 'Error');
    if (before >= 0) {
      const after = this.config(LATEST_CONFIG).configNum;
      checkThat(
        after === before,
        `${describeValue(command)} returned Error but created config ${after}`,
      );
    }
  }

  /**
   * Queries `configNum` (twice: both answers must be equal) and checks the answer against
   * what was seen: a number returns that config or, past the latest, the latest;
   * -1 returns a config no older than any seen; a number seen before returns the same value.
   * With `next`, the answer must be the config right after the latest seen.
   */
  config(configNum: number, next = false): ShardConfig {
    const result = this.execute(query(configNum));
    const again = this.execute(query(configNum));
    checkThat(
      encode(result) === encode(again),
      `Query(${configNum}) asked twice gave different answers: ${describeValue(result)}, then ${describeValue(again)}`,
    );
    checkThat(
      result.kind === 'ShardConfig',
      `Query(${configNum}) returned ${describeValue(result)}, expected a ShardConfig`,
    );
    const config = result as ShardConfig;
    if (configNum >= 0)
      checkThat(
        config.configNum === configNum ||
          (config.configNum < configNum && configNum > this.latestSeen),
        `Query(${configNum}) returned config ${config.configNum}`,
      );
    else
      checkThat(
        config.configNum >= this.latestSeen,
        `Query(-1) returned config ${config.configNum}, older than config ${this.latestSeen} seen before`,
      );
    const before = this.seen.get(config.configNum);
    if (before !== undefined) {
      checkThat(
        !next,
        `expected config ${this.latestSeen + 1}, got config ${config.configNum} again`,
      );
      checkThat(
        before === encode(config),
        `config ${config.configNum} changed since it was first returned: now ${describeValue(config)}`,
      );
    } else {
      if (next)
        checkThat(
          config.configNum === this.latestSeen + 1,
          `expected config ${this.latestSeen + 1}, got config ${config.configNum}`,
        );
      this.seen.set(config.configNum, encode(config));
    }
    this.latestSeen = Math.max(this.latestSeen, config.configNum);
    return config;
  }

  /** The latest config; with `next`, it must be the one right after the latest seen. */
  latest(next = false): ShardConfig {
    return this.config(LATEST_CONFIG, next);
  }

  private expectKind(command: ShardMasterCommand, kind: ShardMasterResult['kind']): void {
    const result = this.execute(command);
    checkThat(
      result.kind === kind,
      `${describeValue(command)} returned ${describeValue(result)}, expected ${kind}`,
    );
  }
}
