// Where the tests find an interpreter with torch: $MLPREP_TORCH_PYTHON, else the validator's
// .venvs/torch (under $MLPREP_VENVS_DIR or the checkout; finished environments carry a .ok stamp).
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The python of an environment with torch, or undefined when there is none on this machine. */
export function torchPython(): string | undefined {
  const given = process.env.MLPREP_TORCH_PYTHON;
  if (given) return given;
  const dir = path.join(process.env.MLPREP_VENVS_DIR ? path.resolve(process.env.MLPREP_VENVS_DIR) : path.join(ROOT, '.venvs'), 'torch');
  const python = path.join(dir, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  return existsSync(path.join(dir, '.ok')) && existsSync(python) ? python : undefined;
}
