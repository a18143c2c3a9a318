import type { AnomalyExample } from './check-transactions.ts';
import { formatTransaction } from './result-text.ts';

const EDGE_COLORS: Record<string, string> = {
  ww: 'black',
  wr: 'blue',
  rw: 'red',
  process: 'darkgreen',
  realtime: 'orange',
};

/** A cycle as a Graphviz DOT graph: transactions as boxes, edges labelled with their reason. */
export function cycleToDot(name: string, example: AnomalyExample): string {
  const quote = (text: string): string => JSON.stringify(text);
  const lines = [`digraph ${quote(name)} {`, '  node [shape=box, fontname="monospace"];'];
  const declared = new Set<string>();
  for (const view of example.transactions) {
    if (declared.has(view.name)) continue;
    declared.add(view.name);
    lines.push(`  ${quote(view.name)} [label=${quote(formatTransaction(view))}];`);
  }
  for (const edge of example.cycle ?? [])
    lines.push(
      `  ${quote(edge.from)} -> ${quote(edge.to)} [label=${quote(`${edge.kind}: ${edge.explanation}`)}, color=${EDGE_COLORS[edge.kind] ?? 'gray'}];`,
    );
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
