// The YAML library (eemeli/yaml), loaded on first use rather than with the extension: with the
// pack snapshots (packSnapshot.ts) most windows never parse a YAML file, and leaving its 112 KB
// out of activation cuts the bundle's load time by about a quarter (CPU, measured with the
// production bundle: 31 -> 23 ms on an idle core, several times that on a loaded machine).
import type * as Yaml from 'yaml';

/** The `yaml` module; the first call loads it (Node caches it from then on). */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('yaml') as typeof Yaml;
}
