import { type Address, addresses } from '../../../framework/index.ts';
import {
  checkThat,
  type NetworkSettings,
  type RandomSource,
  seededRandom,
  type Simulation,
  type TestContext,
} from '../../../framework/testing.ts';
import type { RaftImplementation, TesterServerNode } from '../implementation.ts';
import { ApplyRecorder, sameCommand } from './apply-recorder.ts';

/** MIT's RaftElectionTimeout: how long the tests give an election. */
export const RAFT_ELECTION_TIMEOUT_MS = 1000;
/** MIT's SnapShotInterval: the tester's service snapshots every 10 entries. */
export const SNAPSHOT_INTERVAL = 10;
/** MIT's MAXLOGSIZE: the persisted Raft state (snapshot aside) must stay below this. */
export const MAX_LOG_BYTES = 2000;

/** MIT's reliable network: every message arrives, within a few milliseconds. */
export const RELIABLE_NETWORK: Partial<NetworkSettings> = { latencyMsMin: 0, latencyMsMax: 5 };
/** MIT's unreliable network: 10% of requests and replies lost, 0–26 ms of delay. */
export const UNRELIABLE_NETWORK: Partial<NetworkSettings> = {
  deliveryRate: 0.9,
  latencyMsMin: 0,
  latencyMsMax: 26,
};
/** MIT's long reordering: messages held back 200 ms to 2.2 s, overtaken by later ones. */
export const LONG_REORDERING: Partial<NetworkSettings> = { latencyMsMin: 200, latencyMsMax: 2200 };

/** How long `one` waits for agreement on one attempt, and in all (MIT's 2 s and 10 s). */
const ONE_ATTEMPT_MS = 2000;
const ONE_TOTAL_MS = 10_000;
const POLL_MS = 20;

/**
 * MIT's `config`, in simulated time: a Raft group on the tester's service, the tester's calls
 * (`start` is MIT's `Start`, `state` its `GetState`) and its checks. Sleeping is running the
 * simulation; the tester's own random choices come from the test's seed. Every step checks what
 * the servers applied (see {@link ApplyRecorder}).
 */
export class RaftTester {
  readonly simulation: Simulation;
  readonly servers: readonly Address[];
  readonly recorder = new ApplyRecorder();
  readonly random: RandomSource;
  private readonly connected = new Set<Address>();
  private readonly crashed = new Set<Address>();

  constructor(
    context: TestContext,
    implementation: RaftImplementation,
    serverCount: number,
    reliable: boolean,
    snapshots: boolean,
  ) {
    this.simulation = context.simulation(reliable ? RELIABLE_NETWORK : UNRELIABLE_NETWORK);
    this.random = seededRandom(context.seed, 'raft-tester');
    this.servers = addresses('server', serverCount);
    const policy = snapshots ? { everyEntries: SNAPSHOT_INTERVAL } : null;
    for (const server of this.servers) {
      this.simulation.addNode(server, () =>
        implementation.testerServer(server, this.servers, policy, this.recorder),
      );
      this.connected.add(server);
    }
  }

  get serverCount(): number {
    return this.servers.length;
  }

  server(i: number): Address {
    return this.servers[i] as Address;
  }

  /** Runs the simulation for `ms`, then fails if a server applied something wrong. */
  sleep(ms: number): void {
    this.simulation.runFor(ms);
    this.checkApplied();
  }

  checkApplied(): void {
    const error = this.recorder.error;
    checkThat(error === null, error ?? '');
  }

  /** MIT's Start: null on a crashed server or one that does not lead. */
  start(i: number, command: unknown): { index: number; term: number } | null {
    const node = this.node(i);
    return node === null ? null : node.propose(command);
  }

  /** MIT's GetState. */
  state(i: number): { term: number; isLeader: boolean } {
    const node = this.node(i);
    if (node === null) return { term: 0, isLeader: false };
    return { term: node.term(), isLeader: node.role() === 'leader' };
  }

  isConnected(i: number): boolean {
    return this.connected.has(this.server(i));
  }

  /** Cuts server `i` off from every other server. */
  disconnect(i: number): void {
    this.connected.delete(this.server(i));
    this.applyConnectivity();
  }

  /** Reconnects server `i` to the connected servers. */
  connect(i: number): void {
    this.connected.add(this.server(i));
    this.applyConnectivity();
  }

  /** MIT's crash1: the server is cut off and stops; its persistent state is what a restart gets. */
  crash(i: number): void {
    const server = this.server(i);
    this.disconnect(i);
    if (this.crashed.has(server)) return;
    this.crashed.add(server);
    this.simulation.stopNode(server);
  }

  /**
   * MIT's start1: a fresh server on the persisted state (crashing a running one first), still
   * disconnected until `connect`.
   */
  restart(i: number): void {
    const server = this.server(i);
    this.crash(i);
    this.crashed.delete(server);
    this.simulation.restartNode(server);
  }

  isCrashed(i: number): boolean {
    return this.crashed.has(this.server(i));
  }

  /** A random command, as MIT's rand.Int(). */
  randomCommand(): number {
    return this.random.integer(0, 2 ** 31 - 1);
  }

  /** MIT's checkOneLeader: waits for exactly one leader among the connected servers. */
  checkOneLeader(): number {
    for (let attempt = 0; attempt < 10; attempt++) {
      this.sleep(450 + this.random.integer(0, 99));
      const leadersByTerm = new Map<number, number[]>();
      for (let i = 0; i < this.serverCount; i++) {
        if (!this.isConnected(i)) continue;
        const { term, isLeader } = this.state(i);
        if (isLeader) leadersByTerm.set(term, [...(leadersByTerm.get(term) ?? []), i]);
      }
      let lastTerm = -1;
      for (const [term, leaders] of leadersByTerm) {
        checkThat(leaders.length <= 1, `term ${term} has ${leaders.length} (>1) leaders`);
        lastTerm = Math.max(lastTerm, term);
      }
      if (lastTerm >= 0) return (leadersByTerm.get(lastTerm) as number[])[0] as number;
    }
    checkThat(false, 'expected one leader, got none');
    return -1;
  }

  /** MIT's checkTerms: the connected servers agree on the term. */
  checkTerms(): number {
    let term = -1;
    for (let i = 0; i < this.serverCount; i++) {
      if (!this.isConnected(i)) continue;
      const own = this.state(i).term;
      if (term === -1) term = own;
      else checkThat(term === own, 'servers disagree on term');
    }
    return term;
  }

  /** MIT's checkNoLeader: no connected server thinks it leads. */
  checkNoLeader(): void {
    for (let i = 0; i < this.serverCount; i++)
      if (this.isConnected(i))
        checkThat(
          !this.state(i).isLeader,
          `expected no leader among connected servers, but ${i} claims to be leader`,
        );
  }

  /** MIT's nCommitted: how many servers applied `index`, and what. */
  committed(index: number): { count: number; command: unknown } {
    const result = this.recorder.committedCount(index);
    this.checkApplied();
    return result;
  }

  /**
   * MIT's one: submits `command` to a leader and waits for `expectedServers` to apply it;
   * retries with another leader if `retry`. Returns the index.
   */
  one(command: unknown, expectedServers: number, retry: boolean): number {
    return this.run(this.oneSteps(command, expectedServers, retry));
  }

  /**
   * `one` as a task of {@link runConcurrently}: it yields each pause (ms) instead of sleeping, so
   * that several can run at once, as MIT's goroutines do.
   */
  *oneSteps(command: unknown, expectedServers: number, retry: boolean): Generator<number, number> {
    const startMs = this.simulation.nowMs;
    let next = 0;
    while (this.simulation.nowMs - startMs < ONE_TOTAL_MS) {
      let index = -1;
      for (let tried = 0; tried < this.serverCount; tried++) {
        next = (next + 1) % this.serverCount;
        if (!this.isConnected(next)) continue;
        const started = this.start(next, command);
        if (started !== null) {
          index = started.index;
          break;
        }
      }
      if (index === -1) {
        yield 50;
        continue;
      }
      const attemptMs = this.simulation.nowMs;
      while (this.simulation.nowMs - attemptMs < ONE_ATTEMPT_MS) {
        const { count, command: applied } = this.committed(index);
        if (count > 0 && count >= expectedServers && sameCommand(applied, command)) return index;
        yield POLL_MS;
      }
      checkThat(retry, `one(${String(command)}) failed to reach agreement`);
    }
    checkThat(false, `one(${String(command)}) failed to reach agreement`);
    return -1;
  }

  /** Runs one task (see {@link runConcurrently}) to its end, and returns what it returns. */
  run<T>(task: Generator<number, T>): T {
    for (;;) {
      const step = task.next();
      if (step.done === true) return step.value;
      this.sleep(step.value);
    }
  }

  /**
   * Runs tasks as MIT's goroutines run: each yields how long it pauses (ms), and the simulation
   * runs until the earliest pause ends, which resumes that task.
   */
  runConcurrently(tasks: readonly Generator<number, unknown>[]): void {
    const wakeMs = tasks.map(() => this.simulation.nowMs);
    const done = tasks.map(() => false);
    for (;;) {
      let earliest = -1;
      for (let k = 0; k < tasks.length; k++)
        if (!done[k] && (earliest === -1 || (wakeMs[k] as number) < (wakeMs[earliest] as number)))
          earliest = k;
      if (earliest === -1) return;
      const pause = (wakeMs[earliest] as number) - this.simulation.nowMs;
      if (pause > 0) this.sleep(pause);
      const step = (tasks[earliest] as Generator<number, unknown>).next();
      if (step.done === true) done[earliest] = true;
      else wakeMs[earliest] = this.simulation.nowMs + step.value;
    }
  }

  /**
   * MIT's wait: waits for `count` servers to apply `index`; null if a server moved past
   * `startTerm` meanwhile (the entry may rightly be lost).
   */
  wait(index: number, count: number, startTerm: number): unknown {
    let pauseMs = 10;
    for (let attempt = 0; attempt < 30; attempt++) {
      if (this.committed(index).count >= count) break;
      this.sleep(pauseMs);
      if (pauseMs < 1000) pauseMs *= 2;
      if (startTerm > -1)
        for (let i = 0; i < this.serverCount; i++) if (this.state(i).term > startTerm) return null;
    }
    const { count: applied, command } = this.committed(index);
    checkThat(applied >= count, `only ${applied} decided for index ${index}; wanted ${count}`);
    return command;
  }

  /** MIT's LogSize: the largest persisted Raft state (snapshot aside) of any server. */
  logSize(): number {
    let largest = 0;
    for (let i = 0; i < this.serverCount; i++)
      largest = Math.max(
        largest,
        this.simulation.node<TesterServerNode>(this.server(i)).raftStateBytes(),
      );
    return largest;
  }

  /** RPCs sent so far by every server. */
  rpcTotal(): number {
    return this.recorder.rpcTotal();
  }

  private node(i: number): TesterServerNode | null {
    const server = this.server(i);
    if (this.crashed.has(server)) return null;
    return this.simulation.node<TesterServerNode>(server);
  }

  /** Links between two servers are up exactly when both are connected. */
  private applyConnectivity(): void {
    for (const from of this.servers)
      for (const to of this.servers)
        if (from !== to)
          this.simulation.setLinkActive(
            from,
            to,
            this.connected.has(from) && this.connected.has(to),
          );
  }
}
