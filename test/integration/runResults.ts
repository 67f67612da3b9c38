// Waiting for a run in the integration suites: the pipeline's outcome and the Test Explorer's
// publication of the same run (either may be heard first).
import type { MLPrepApi } from '../../src/extension';
import type { RunOutcome } from '../../src/features/runner/runPipeline';
import type { PublishedResults } from '../../src/features/runner/testController';

/** Resolves with the outcome and the Test Explorer publication of the next finished, not cancelled, run of problem `id`. */
export function nextResult(a: MLPrepApi, id: string, timeoutMs = 60_000): Promise<{ outcome: RunOutcome; published: PublishedResults }> {
  return new Promise((resolve, reject) => {
    let outcome: RunOutcome | undefined;
    let published: PublishedResults | undefined;
    const done = () => {
      if (!outcome || !published) return;
      clearTimeout(timer);
      d1.dispose();
      d2.dispose();
      resolve({ outcome, published });
    };
    const timer = setTimeout(() => { d1.dispose(); d2.dispose(); reject(new Error(`no run of ${id} finished within ${timeoutMs} ms`)); }, timeoutMs);
    const d1 = a.services.runner.onDidFinish((o) => { if (o.problem.id === id && o.summary.kind !== 'cancelled') { outcome = o; done(); } });
    const d2 = a.services.tests.onDidPublish((p) => { if (p.problemId === id && p.kind !== 'cancelled') { published = p; done(); } });
  });
}
