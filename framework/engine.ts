/**
 * `tslabs/engine`: the model checker. A generic {@link Model} (initial states, enabled events,
 * next state, fingerprint), the breadth-first and random-probe strategies over it, replay and
 * minimization of findings, the canonical encoding and fingerprints; and the node system as
 * one such model.
 *
 * @packageDocumentation
 */
export * from './search/index.ts';
export { VacuousPredicateError } from './search/predicate.ts';
export { encode, encodeNode, encodedSizeBytes, EncodingError } from './core/encoding.ts';
export { cloneState, CloneError, thawedCopy } from './core/clone.ts';
export { hashString64, hashToHex, type Hash64 } from './core/hash.ts';
export { seededRandom, type RandomSource } from './core/random.ts';
export { SystemBuilder } from './system/system-builder.ts';
export { decodeTimerEvent, SystemModel } from './system/system-model.ts';
export { SystemState } from './system/system-state.ts';
export type { SystemSearchSettings } from './system/system-search-settings.ts';
