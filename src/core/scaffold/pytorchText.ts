// The statement of a problem as a PyTorch user reads it. Problems are written once, in NumPy terms
// (contract A: same statement, same hidden tests); for a practice folder started in PyTorch the
// README speaks torch instead: `np.random.Generator` is a `torch.Generator`, "a NumPy array" is a
// tensor, `np.float64` is `torch.float64`, `np.errstate` says what it means for torch (nothing
// raises: an inf or nan in the result fails the tests), and the tags say `pytorch`, not `numpy`.
// A problem whose statement does not translate term by term gives `pytorch.statement` instead.
import type { Framework } from '../catalog/types';

/** NumPy functions and constants with the torch name that does the same job (`np.X` → `torch.Y`). */
const FUNCTIONS: Record<string, string> = {
  'array': 'torch.tensor', 'asarray': 'torch.as_tensor', 'zeros': 'torch.zeros', 'ones': 'torch.ones',
  'zeros_like': 'torch.zeros_like', 'ones_like': 'torch.ones_like', 'full': 'torch.full', 'empty': 'torch.empty',
  'arange': 'torch.arange', 'linspace': 'torch.linspace', 'eye': 'torch.eye',
  'exp': 'torch.exp', 'log': 'torch.log', 'log1p': 'torch.log1p', 'expm1': 'torch.expm1', 'sqrt': 'torch.sqrt',
  'abs': 'torch.abs', 'sign': 'torch.sign', 'tanh': 'torch.tanh', 'logaddexp': 'torch.logaddexp',
  'where': 'torch.where', 'maximum': 'torch.maximum', 'minimum': 'torch.minimum', 'clip': 'torch.clamp',
  'round': 'torch.round', 'rint': 'torch.round', 'floor': 'torch.floor', 'ceil': 'torch.ceil', 'divide': 'torch.div',
  'sum': 'torch.sum', 'mean': 'torch.mean', 'var': 'torch.var', 'std': 'torch.std', 'cumsum': 'torch.cumsum',
  'max': 'torch.amax', 'min': 'torch.amin', 'argmax': 'torch.argmax', 'argmin': 'torch.argmin',
  'sort': 'torch.sort', 'argsort': 'torch.argsort', 'unique': 'torch.unique', 'isfinite': 'torch.isfinite',
  'tril': 'torch.tril', 'triu': 'torch.triu', 'matmul': 'torch.matmul', 'einsum': 'torch.einsum',
  'tensordot': 'torch.tensordot', 'concatenate': 'torch.cat', 'stack': 'torch.stack', 'vstack': 'torch.vstack',
  'repeat': 'torch.repeat_interleave', 'tile': 'Tensor.repeat', 'swapaxes': 'torch.transpose',
  'take_along_axis': 'torch.gather', 'pad': 'torch.nn.functional.pad', 'linalg.norm': 'torch.linalg.norm',
  'lib.stride_tricks.sliding_window_view': 'Tensor.unfold', 'inf': 'torch.inf', 'nan': 'torch.nan', 'pi': 'torch.pi',
};

/** NumPy dtypes with their torch names. */
const DTYPES: Record<string, string> = {
  float64: 'torch.float64', float32: 'torch.float32', float16: 'torch.float16', int64: 'torch.int64',
  int32: 'torch.int32', int16: 'torch.int16', int8: 'torch.int8', uint8: 'torch.uint8', bool_: 'torch.bool',
};

/** What `np.errstate(...)` means for a torch solution, said once after the first mention. */
export const ERRSTATE_NOTE = "NumPy's floating-point traps; torch has none, so for you any inf or nan in the result fails instead";

/**
 * `text` (Markdown: prose, inline code, fenced examples) with the NumPy terms a PyTorch user would
 * trip over replaced by their torch equivalents:
 * - `np.random.default_rng(s)` → `torch.Generator().manual_seed(s)`, `np.random.Generator` → `torch.Generator`,
 *   `rng.choice(V, p=probs)` → `torch.multinomial(probs, 1, generator=rng)`, `rng.random(shape)` →
 *   `torch.rand(shape, generator=rng)`, `kind='stable'` → `stable=True`,
 *   `np.log(3.0)` of a number → `math.log(3.0)` (torch.log takes tensors);
 * - `np.ndarray` → `torch.Tensor`, `np.float64` (and the other dtypes) → `torch.float64`,
 *   `.astype(np.int8)` → `.to(torch.int8)`;
 * - `np.<function>` → its torch counterpart (FUNCTIONS); an unknown `np.<name>` stays as written;
 * - a printed `array([...])` → `tensor([...])`, "NumPy array(s)", "ndarray(s)", "array(s)" and
 *   "array-like" in prose → "tensor(s)" (with "an" → "a");
 * - `np.errstate(...)` keeps its name (the tests do use it) and gains, once, what it means for
 *   torch (ERRSTATE_NOTE); advice to wrap code in `with np.errstate(...):` says it is for NumPy.
 * - "NumPy only" (no other library) → "torch only".
 * Anything else (parameter names such as `axis`, "as in NumPy", tolerances) is kept.
 * Pure and idempotent: translating a translated text changes nothing.
 */
export function pytorchText(text: string): string {
  let errstateSaid = text.includes(ERRSTATE_NOTE);
  let out = text
    // advice to silence NumPy's underflow: nothing to do in torch
    .replace(/`with np\.errstate\([^`]*\):`(?! \(for NumPy)/g, (m) => `${m} (for NumPy; torch underflows to 0 silently)`)
    .replace(/(?<!with )np\.errstate\([^)]*\)`?/g, (m) => {
      if (errstateSaid) return m;
      errstateSaid = true;
      return `${m} (${ERRSTATE_NOTE})`;
    })
    .replace(/np\.random\.default_rng\(([^()]*)\)/g, 'torch.Generator().manual_seed($1)')
    .replace(/\brng\.choice\(([^,()]+), p=([^()]+)\)/g, 'torch.multinomial($2, 1, generator=rng)')
    .replace(/\brng\.random\(\)/g, 'torch.rand(1, generator=rng).item()')
    .replace(/\brng\.random\(([^()]+)\)/g, 'torch.rand($1, generator=rng)')
    .replace(/\bkind=(['"])stable\1/g, 'stable=True')
    .replace(/\bnp\.(log|exp|sqrt)\((-?[0-9][0-9.e+-]*)\)/g, 'math.$1($2)')
    .replace(/np\.random\.Generator/g, 'torch.Generator')
    .replace(/np\.ndarray/g, 'torch.Tensor')
    .replace(/`np\.float64` or 0-d array/g, '0-d `torch.float64` tensor')
    .replace(/\.?astype\(np\.([a-z0-9_]+)\)/g, (m, d: string) => (DTYPES[d] ? `.to(${DTYPES[d]})` : m))
    .replace(/\.?\bastype\b/g, '.to')
    .replace(/np\.([a-z0-9_]+)\b(?!\.)/g, (m, d: string) => DTYPES[d] ?? m);
  // functions: longest names first so np.linalg.norm is not read as np.linalg + .norm
  for (const name of Object.keys(FUNCTIONS).sort((a, b) => b.length - a.length)) {
    const re = new RegExp(`\\bnp\\.${name.replace(/\./g, '\\.')}(?![A-Za-z0-9_])`, 'g');
    out = out.replace(re, FUNCTIONS[name]);
  }
  return out
    .replace(/(^|[^A-Za-z0-9_.])array\(/g, '$1tensor(')
    .replace(/dtype=(float64|float32|int64|int32|int8|uint8|bool)\b/g, (_m: string, d: string) => `dtype=${DTYPES[d === 'bool' ? 'bool_' : d]}`)
    .replace(/\b([Aa])n? (`[^`]*` )?NumPy array\b/g, (_m: string, a: string, dt: string | undefined) => `${a} ${dt ?? ''}tensor`)
    .replace(/\bNumPy arrays\b/g, 'tensors')
    .replace(/\bNumPy array\b/g, 'tensor')
    .replace(/\b([Aa])n nd-?array\b/g, '$1 tensor')
    .replace(/\bnd-?arrays\b/g, 'tensors')
    .replace(/\bnd-?array\b/g, 'tensor')
    .replace(/\barray-like\b/g, 'tensor')
    .replace(/\b([Aa])n (`[^`]*` )?array\b/g, (_m, a: string, dt: string | undefined) => `${a} ${dt ?? ''}tensor`)
    .replace(/\barrays\b/g, 'tensors')
    .replace(/\bArrays\b/g, 'Tensors')
    .replace(/\barray\b/g, 'tensor')
    .replace(/\bArray\b/g, 'Tensor')
    .replace(/\bNumPy integers\b/g, 'integers')
    .replace(/\bNumPy only\b/g, 'torch only');
}

/**
 * The tags to show for a problem practised in `framework`: under PyTorch `numpy` becomes
 * `pytorch` (in its place), and `pytorch` is added when the tags did not name a library;
 * unchanged under NumPy. Never a duplicate.
 */
export function frameworkTags(tags: readonly string[], framework: Framework | undefined): string[] {
  if (framework !== 'pytorch') return [...tags];
  const out = tags.map((t) => (t === 'numpy' ? 'pytorch' : t));
  if (!out.includes('pytorch')) out.push('pytorch');
  return out.filter((t, i) => out.indexOf(t) === i);
}
