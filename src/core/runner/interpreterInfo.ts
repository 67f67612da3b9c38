// What `mlprep_harness.py info` says about an interpreter, and what to tell the user about it.

export interface InterpreterInfo {
  executable: string;
  version: string;
  numpy: string | null;
  pandas: string | null;
  /** Whether torch can be imported (from `info`'s modules; undefined when the harness did not say). */
  torch?: boolean;
}

/** Parses the JSON printed by `mlprep_harness.py info`; throws on anything else. */
export function parseInterpreterInfo(text: string): InterpreterInfo {
  const v = JSON.parse(text) as { python?: Partial<InterpreterInfo>; modules?: Record<string, unknown> };
  const p = v?.python;
  if (!p || typeof p.executable !== 'string' || typeof p.version !== 'string') throw new Error('not an interpreter description');
  const ver = (x: unknown) => (typeof x === 'string' ? x : null);
  const torch = v.modules?.torch;
  return { executable: p.executable, version: p.version, numpy: ver(p.numpy), pandas: ver(p.pandas), ...(typeof torch === 'boolean' ? { torch } : {}) };
}

/** "3.11.7 · numpy 2.4.6 · pandas missing", plus "· torch" where torch imports (only PyTorch variants need it). */
export function describeInterpreter(i: InterpreterInfo): string {
  return [`Python ${i.version}`, i.numpy ? `numpy ${i.numpy}` : 'numpy missing', i.pandas ? `pandas ${i.pandas}` : 'pandas missing', ...(i.torch ? ['torch'] : [])].join(' · ');
}

export function missingModules(i: InterpreterInfo): string[] {
  return [...(i.numpy ? [] : ['numpy']), ...(i.pandas ? [] : ['pandas'])];
}

/**
 * The command that installs what is missing into that interpreter. Debian/Ubuntu's system Python
 * refuses pip (PEP 668), so it gets the apt packages instead.
 */
export function installCommand(i: InterpreterInfo, platform: string): string | undefined {
  const missing = missingModules(i);
  if (!missing.length) return undefined;
  if (platform === 'linux' && /^\/usr\/bin\/python3(\.\d+)?$/.test(i.executable)) {
    return `sudo apt-get install ${missing.map((m) => `python3-${m}`).join(' ')}`;
  }
  const exe = /\s/.test(i.executable) ? `"${i.executable}"` : i.executable;
  return `${exe} -m pip install ${missing.join(' ')}`;
}
