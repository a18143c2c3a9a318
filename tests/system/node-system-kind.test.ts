import { describe, expect, it } from 'vitest';
import { type ModelKind, NODE_SYSTEM } from '../../framework/engine.ts';
import { RESULTS_OK } from '../../framework/testing.ts';
import { labOneModel } from './lab-one-model.ts';

describe('a model says it is a node system by its asKind capability', () => {
  it('a system model answers for NODE_SYSTEM with itself, its states, events and predicates', () => {
    const model = labOneModel(1, 1);
    const nodeSystem = model.asKind(NODE_SYSTEM);
    if (nodeSystem === undefined) throw new Error('a system model is a node system');
    expect(nodeSystem.model).toBe(model);
    const [initial] = model.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    expect(nodeSystem.state(initial)).toBe(initial);
    const [event] = model.events(initial);
    if (event === undefined) throw new Error('no enabled event');
    expect(nodeSystem.event(event)).toBe(event);
    const predicates = [RESULTS_OK];
    expect(nodeSystem.predicates(predicates)).toBe(predicates);
  });

  it('a system model is no other kind', () => {
    const otherKind: ModelKind<object, number, string> = { name: 'node system' };
    expect(labOneModel(1, 1).asKind(otherKind)).toBeUndefined();
  });
});
