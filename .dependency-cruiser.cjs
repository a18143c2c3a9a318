// The layer rules of docs/architecture.md, checked by `npm run lint`: each framework layer
// imports only the layers below it, nothing in framework/ imports the course or the
// applications above it, the course and the visualizer see the framework only through its
// entry points, and no module imports itself round a cycle.

/** Each framework layer, with the layers it may import (besides its own folder). */
const LAYERS = {
  core: [],
  sim: ['core'],
  search: ['core'],
  check: ['core'],
  system: ['core', 'sim', 'search', 'check'],
  lab: ['core', 'sim', 'search', 'check', 'system'],
  trace: ['core', 'sim', 'search', 'check', 'system', 'lab'],
};

/** The public entry points (package.json `exports`): all that labs/ and visualizer/ may import. */
const ENTRY_POINTS = [
  'framework/index.ts',
  'framework/testing.ts',
  'framework/engine.ts',
  'framework/check/index.ts',
  'framework/trace/index.ts',
];
const ENTRY_POINT_PATHS = `^(${ENTRY_POINTS.map((path) => path.replaceAll('.', '\\.')).join('|')})$`;

const layerRules = Object.entries(LAYERS).map(([layer, below]) => ({
  name: `framework-${layer}-imports-only-below`,
  comment: `framework/${layer} may import only ${below.length === 0 ? 'itself' : `framework/{${below.join(',')}}`}`,
  severity: 'error',
  from: { path: `^framework/${layer}/` },
  to: { path: '^framework/', pathNot: `^framework/(${[layer, ...below].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'framework-not-above-itself',
      comment: 'the framework is handed the labs; it never imports the course or an application',
      severity: 'error',
      from: { path: '^framework/' },
      to: { path: '^(labs|visualizer|bin|tests|bench|examples)/' },
    },
    {
      name: 'entry-points-not-the-command-line',
      comment: 'the entry points run in a browser too: the command line is above them',
      severity: 'error',
      from: { path: ENTRY_POINT_PATHS },
      to: { path: '^framework/cli/' },
    },
    {
      name: 'course-through-entry-points',
      comment: 'labs, the visualizer and examples import the framework through its entry points',
      severity: 'error',
      from: { path: '^(labs|visualizer|examples)/' },
      to: { path: '^framework/', pathNot: ENTRY_POINT_PATHS },
    },
    {
      name: 'benchmarks-through-entry-points',
      comment:
        'benchmarks import the framework through its entry points (or drive the command line)',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^framework/', pathNot: `${ENTRY_POINT_PATHS}|^framework/cli/` },
    },
    {
      name: 'labs-not-the-applications',
      comment: 'the course sits below the command line and the visualizer',
      severity: 'error',
      from: { path: '^labs/' },
      to: { path: '^(visualizer|bin|framework/cli)/' },
    },
    {
      name: 'no-cycle',
      comment: 'a module that imports itself round a cycle has no place in the layers',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'resolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|visualizer/dist|traces)/' },
    // Type-only imports are dependencies too: a cycle of types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      conditionNames: ['import', 'node', 'default'],
      exportsFields: ['exports'],
    },
  },
};
