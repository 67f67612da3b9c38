// What "Start problem" writes into the practice folder: pure planning, the adapter does the I/O.
import type { Framework, PytorchVariantMeta } from '../catalog/types';
import { FRAMEWORK_SIDECAR, renderSidecar } from './framework';
import { frameworkTags, pytorchText } from './pytorchText';

export interface ScaffoldSource {
  id: string;
  title: string;
  difficulty: string;
  minutes: number;
  tags: readonly string[];
  companies: readonly string[];
  signature: string;
  statement: string;
  constraints: readonly string[];
  tolerance: string;
  hints: readonly string[];
  requires: readonly string[];
  /** Contents of starter.py and test_examples.py (of the chosen framework: starter_pytorch.py… for PyTorch). */
  starter: string;
  examples: string;
  /** The problem's PyTorch variant, when it has one. */
  pytorch?: PytorchVariantMeta;
  /** What the practice folder's solution is written in; undefined: a preview before any choice. */
  framework?: Framework;
  /**
   * The UNLOCKED follow-up parts (parts 2..k, in order; contract F), appended below part 1 with
   * their hints folded. Absent or empty: part 1 only (the statement as it always was).
   */
  followUps?: readonly FollowUpStatement[];
  /** All parts of the problem (1 + its follow-ups), for "Part 2 of 3"; default: 1 + followUps. */
  partCount?: number;
}

/** What the statement shows of one follow-up part. */
export interface FollowUpStatement {
  title: string;
  statement: string;
  hints: readonly string[];
  minutes: number;
}

export interface PlannedFile {
  /** Relative to the workspace folder, with forward slashes. */
  path: string;
  content: string;
  role: 'solution' | 'statement' | 'examples' | 'sidecar';
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function problemFolder(practiceFolder: string, id: string): string {
  if (!SLUG.test(id) || id.length > 64) throw new Error(`invalid problem id "${id}"`);
  const base = practiceFolder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  if (!base || base.split('/').some((s) => s === '..' || s === '.' || s === '')) throw new Error(`invalid practice folder "${practiceFolder}"`);
  return `${base}/${id}`;
}

/** The footer that lets `python test_examples.py` run the visible examples without pytest. */
export const EXAMPLES_FOOTER = `

if __name__ == "__main__":
    # Run the examples with plain \`python test_examples.py\` (MLPrep also runs hidden tests on save).
    import sys
    import traceback

    _tests = [(n, f) for n, f in list(globals().items()) if n.startswith("test_") and callable(f)]
    _failed = 0
    for _name, _fn in _tests:
        try:
            _fn()
            print(f"PASS  {_name}")
        except Exception:
            _failed += 1
            print(f"FAIL  {_name}")
            traceback.print_exc()
    print(f"{len(_tests) - _failed} passed, {_failed} failed")
    sys.exit(1 if _failed else 0)
`;

/**
 * The README of a practice folder (or the preview of a problem not started yet). For a folder in
 * PyTorch: the PyTorch signature, the variant's note BEFORE the statement (how inputs arrive and
 * what to return amend everything below), the statement in torch terms (`pytorch.statement`, else
 * the NumPy statement translated by `pytorchText`; the same for constraints, tolerance, hints and
 * follow-up parts) and the tags with `pytorch` instead of `numpy`.
 */
export function renderStatement(p: ScaffoldSource): string {
  const pytorch = p.framework === 'pytorch' && p.pytorch ? p.pytorch : undefined;
  const say = (t: string) => (pytorch ? pytorchText(t) : t);
  const tags = frameworkTags(p.tags, pytorch ? 'pytorch' : p.framework);
  const meta = [
    `**${p.difficulty[0].toUpperCase()}${p.difficulty.slice(1)}**`,
    `${p.minutes} min`,
    tags.length ? tags.map((t) => `\`${t}\``).join(' ') : '',
    p.companies.length ? `asked at ${p.companies.join(', ')}` : '',
  ].filter(Boolean).join(' · ');
  const variants = p.pytorch && !p.framework ? ['', '**NumPy · PyTorch**: this problem has a PyTorch variant (same statement and hidden tests, tensors instead of arrays); Start Problem lets you choose.'] : [];
  const lines = [
    `# ${p.title}${pytorch ? ' (PyTorch)' : ''}`,
    '',
    meta,
    ...variants,
    '',
    '```python',
    pytorch ? pytorch.signature : p.signature,
    '```',
    '',
  ];
  if (pytorch) {
    lines.push(
      '## PyTorch variant', '',
      `Write \`solution.py\` with torch (CPU). ${pytorch.note.trim()}`, '',
      `The hidden tests are the NumPy ones: they pass your function tensors and read its results back as arrays. The statement below names the torch equivalents of NumPy terms; the NumPy signature, for reference: \`${p.signature}\`.`, '',
      '## Statement', '',
    );
  }
  lines.push((pytorch?.statement ?? say(p.statement)).trim(), '');
  if (p.constraints.length) lines.push('## Constraints', '', ...p.constraints.map((c) => `- ${say(c)}`), '');
  lines.push('## How it is graded', '', `Hidden tests run each time you save \`solution.py\`. ${say(p.tolerance.trim())}`, '');
  if (p.requires.length || pytorch) lines.push(`Needs: ${[...(pytorch ? ['torch (the CPU build is enough)'] : []), ...p.requires].join(', ')}.`, '');
  lines.push('Visible examples: `test_examples.py` (run it with `python test_examples.py`).', '');
  const hints = pytorch?.hints ?? p.hints.map(say);
  if (p.hints.length && hints.length) {
    lines.push('## Hints', '');
    hints.forEach((h, i) => lines.push(`<details><summary>Hint ${i + 1}</summary>`, '', h.trim(), '', '</details>', ''));
  }
  const parts = p.followUps ?? [];
  const total = Math.max(p.partCount ?? 0, 1 + parts.length);
  parts.forEach((f, i) => {
    const k = i + 2;
    lines.push('---', '', `## Part ${k} of ${total}: ${f.title}`, '', `_Follow-up · ${f.minutes} min · your \`solution.py\` keeps every earlier part working: their tests still run on each save._`, '', say(f.statement).trim(), '');
    if (f.hints.length) {
      lines.push(`### Hints for part ${k}`, '');
      f.hints.forEach((h, j) => lines.push(`<details><summary>Part ${k}, hint ${j + 1}</summary>`, '', say(h).trim(), '', '</details>', ''));
    }
  });
  if (total > 1 + parts.length) {
    const locked = total - 1 - parts.length;
    lines.push('---', '', `_${locked} more follow-up part${locked > 1 ? 's unlock' : ' unlocks'} once ${parts.length ? `part ${1 + parts.length}` : 'this part'} passes: the interviewer has more to ask._`, '');
  }
  return lines.join('\n');
}

export function planScaffold(p: ScaffoldSource, practiceFolder: string): PlannedFile[] {
  const dir = problemFolder(practiceFolder, p.id);
  const examples = p.examples.replace(/\s+$/, '') + EXAMPLES_FOOTER;
  return [
    { path: `${dir}/solution.py`, content: p.starter, role: 'solution' },
    { path: `${dir}/README.md`, content: renderStatement(p), role: 'statement' },
    { path: `${dir}/test_examples.py`, content: examples, role: 'examples' },
    // which framework solution.py is in (every run reads it); only for problems that offer a choice
    ...(p.pytorch ? [{ path: `${dir}/${FRAMEWORK_SIDECAR}`, content: renderSidecar(p.framework ?? 'numpy'), role: 'sidecar' as const }] : []),
  ];
}

/**
 * If `relPath` (relative to a workspace folder) is a scaffolded solution, the problem id.
 * `ml-interview/kmeans/solution.py` → "kmeans".
 */
export function solutionProblemId(relPath: string, practiceFolder: string): string | undefined {
  const norm = relPath.replace(/\\/g, '/');
  const base = practiceFolder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  const prefix = `${base}/`;
  if (!norm.startsWith(prefix)) return undefined;
  const rest = norm.slice(prefix.length).split('/');
  if (rest.length !== 2 || rest[1] !== 'solution.py' || !SLUG.test(rest[0])) return undefined;
  return rest[0];
}

/**
 * Backup name for "reset to starter", e.g. `.backups/solution-20261123-161502.py` for solution.py
 * (the default) or `.backups/README-20261123-161502.md` for another practice file.
 */
export function backupName(now: Date, file = 'solution.py'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? `.backups/${file.slice(0, dot)}-${stamp}${file.slice(dot)}` : `.backups/${file}-${stamp}`;
}

/** What a design prompt's preview needs (a subset of DesignPrompt). */
export interface DesignBriefSource {
  title: string;
  difficulty: string;
  minutes: number;
  tags: readonly string[];
  companies: readonly string[];
  /** Markdown: what the interviewer says first. */
  prompt: string;
}

/**
 * The read-only brief a click on a design prompt shows: the opening prompt only (the facts the
 * interviewer gives when asked and the rubric stay for the session).
 */
export function renderDesignBrief(p: DesignBriefSource): string {
  const meta = [
    `**${p.difficulty[0].toUpperCase()}${p.difficulty.slice(1)}**`,
    `${p.minutes} min`,
    p.tags.length ? p.tags.map((t) => `\`${t}\``).join(' ') : '',
    p.companies.length ? `asked at ${p.companies.join(', ')}` : '',
  ].filter(Boolean).join(' · ');
  return [
    `# ${p.title}`, '', meta, '', '## The prompt', '', p.prompt.trim(), '',
    '---', '',
    '_Start a timed design session (double-click the problem, press Enter, or use its ▶ button) to draw and answer on the whiteboard._', '',
  ].join('\n');
}
