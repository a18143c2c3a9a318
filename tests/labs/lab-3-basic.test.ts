import { labSuite } from './lab-suite.ts';

labSuite('3', 'basic');
