/**
 * The only module of the package that does I/O: reads `sources.yaml` and every `.yaml` under `parameters/` from
 * the package directory and builds the validated tree once per process.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildParameterTree, type ParameterInput, type ParameterTree } from './engine/parameters.js';

const packageRoot = new URL('../', import.meta.url);

function readYaml(relativePath: string): unknown {
  const text = readFileSync(new URL(relativePath, packageRoot), 'utf8');
  try {
    // YAML 1.2 core schema: dates stay strings; duplicate keys are an error.
    return parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new Error(`${relativePath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Every parameter file, sorted by path, with its id derived from the path. */
export function readParameterFiles(): ParameterInput[] {
  const dir = fileURLToPath(new URL('parameters/', packageRoot));
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ id: file.slice(0, -'.yaml'.length).split('/').join('.'), content: readYaml(`parameters/${file}`) }));
}

export function readSources(): unknown {
  return readYaml('sources.yaml');
}

let cached: ParameterTree | undefined;

/** The validated parameter tree of this package; built on first call, then cached. Throws listing every problem. */
export function loadRegulations(): ParameterTree {
  cached ??= buildParameterTree(readParameterFiles(), readSources());
  return cached;
}
