/** Writes docs/regulations.md from the parameters and the rule registry: `npm run regulations:catalogue`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeCatalogue, registry } from '../src/index.js';
import { loadRegulations } from '../src/load-from-files.js';
import { cataloguePath, renderCatalogue } from './render-catalogue.js';

mkdirSync(dirname(cataloguePath), { recursive: true });
writeFileSync(cataloguePath, renderCatalogue(describeCatalogue(loadRegulations(), registry)));
console.log(`已生成 ${cataloguePath}`);
