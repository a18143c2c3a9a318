// Lint: type-aware rules for the whole project, plus the design's determinism bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import stylistic from '@stylistic/eslint-plugin';

// Handlers, the simulator and the search must be reproducible from a seed, so ambient
// randomness and clocks are banned where lab and framework code runs.
const determinismBans = {
  'no-restricted-properties': [
    'error',
    {
      object: 'Math',
      property: 'random',
      message: 'Use the seeded generator (framework/core/random.ts).',
    },
    {
      object: 'Date',
      property: 'now',
      message: 'Time is simulated: no wall clock in framework or labs.',
    },
    {
      object: 'performance',
      property: 'now',
      message: 'Time is simulated: no wall clock in framework or labs.',
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Timers are simulated: use Node.set().' },
    { name: 'setInterval', message: 'Timers are simulated: use Node.set().' },
    { name: 'setImmediate', message: 'Timers are simulated: use Node.set().' },
    { name: 'crypto', message: 'No ambient randomness: use the seeded generator.' },
    { name: 'performance', message: 'Time is simulated: no wall clock in framework or labs.' },
    { name: 'Date', message: 'Time is simulated: no wall clock in framework or labs.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'],
          message:
            'Only framework/cli may touch Node modules: framework and labs must run in a browser.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'traces/', 'screenshots/', 'visualizer/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '.dependency-cruiser.cjs', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@stylistic': stylistic },
    rules: {
      // Prettier formats to 100 columns but cannot break comments or strings; comments are
      // held to the same width here, long literal strings (messages, fixtures) are allowed.
      '@stylistic/max-len': [
        'error',
        {
          code: 100,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['framework/**/*.ts', 'labs/**/*.ts'],
    ignores: ['framework/cli/**'],
    rules: determinismBans,
  },
  {
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    files: ['bin/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
