import { labSuite } from './lab-suite.ts';

labSuite('0');
