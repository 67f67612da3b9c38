// Which of a problem's required modules an interpreter lacks, and the command that installs them.
import { installCommand, type InterpreterInfo } from '../runner/interpreterInfo';

/** The modules the harness reports on (`mlprep_harness info`). */
const PROBED = ['numpy', 'pandas'] as const;

/** torch comes from its own index: the CPU build is all MLPrep needs (as the harness says it). */
export const TORCH_INDEX_URL = 'https://download.pytorch.org/whl/cpu';

/**
 * The modules of `requires` that `info` reports missing, in `requires` order. Modules the probe
 * does not report on are not judged (the first run says if they are missing). torch counts as
 * missing only when the probe said so (`info.torch === false`).
 */
export function missingRequired(requires: readonly string[], info: InterpreterInfo): string[] {
  return requires.filter((m) => ((PROBED as readonly string[]).includes(m) && info[m as (typeof PROBED)[number]] === null) || (m === 'torch' && info.torch === false));
}

/**
 * The install command for just `missing` (as the environment check builds it: apt for Debian's
 * system Python, pip otherwise); undefined when nothing is missing.
 */
export function installCommandFor(missing: readonly string[], info: InterpreterInfo, platform: string): string | undefined {
  if (!missing.length) return undefined;
  // Pretend the modules not asked for are present, so the command installs only what this problem needs.
  const only: InterpreterInfo = { ...info, numpy: missing.includes('numpy') ? null : info.numpy ?? '?', pandas: missing.includes('pandas') ? null : info.pandas ?? '?' };
  const others = missing.some((m) => m !== 'torch') ? installCommand(only, platform) : undefined;
  if (!missing.includes('torch')) return others;
  const exe = /\s/.test(info.executable) ? `"${info.executable}"` : info.executable;
  return [others, `${exe} -m pip install torch --index-url ${TORCH_INDEX_URL}`].filter(Boolean).join(' && ');
}

/** "“Group-by aggregation” needs pandas, which is not installed for /usr/bin/python3. Install with: …" */
export function missingModulesMessage(title: string, missing: readonly string[], python: string, command: string): string {
  const what = missing.join(' and ');
  const cpu = missing.includes('torch') ? ' (the CPU build is enough; the NumPy variant runs without torch)' : '';
  return `MLPrep: “${title}”${missing.includes('torch') ? ' in PyTorch' : ''} needs ${what}, which ${missing.length > 1 ? 'are' : 'is'} not installed for ${python}. Install with: ${command}${cpu}`;
}
