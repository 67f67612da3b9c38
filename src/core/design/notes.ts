// notes.md: the readable record of a design session, regenerated from session.json on every save.
import { DESIGN_SECTION_KEYS, type DesignPromptMeta, type DesignSectionKey } from '../catalog/types';
import { interviewerReport } from './interviewer';
import type { DesignSession } from './session';
import { formatMinutes, read } from './timer';

export const SECTION_TITLES: Record<DesignSectionKey, string> = {
  'problem-definition': 'Problem definition',
  data: 'Data',
  modelling: 'Modelling',
  evaluation: 'Evaluation',
  'deployment-serving': 'Deployment & serving',
  'monitoring-iteration': 'Monitoring & iteration',
};

/** `4:30` / `5:12 (+0:42 over)`. */
export function formatSpent(elapsedMs: number, planMs: number): string {
  const over = elapsedMs - planMs;
  return over > 0 ? `${formatMinutes(elapsedMs)} (+${formatMinutes(over)} over)` : formatMinutes(elapsedMs);
}

const quote = (md: string) =>
  md
    .trim()
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

type PromptForNotes = Pick<DesignPromptMeta, 'title' | 'prompt' | 'context' | 'sections'>;

/**
 * notes.md for `session` at `now`. `sectionText` replaces a section's notes as written (the
 * record's rendering, with conflict markers where two windows changed the same lines at once).
 */
export function renderNotes(session: DesignSession, prompt: PromptForNotes, now: number, sectionText?: Partial<Record<DesignSectionKey, string>>): string {
  const reading = read(session.timer, now);
  const status =
    session.phase === 'done'
      ? `completed, average self-assessment ${session.averageScore?.toFixed(2)} / 4`
      : session.phase === 'assessing'
        ? 'self-assessment in progress'
        : { idle: 'not started', running: 'in progress', paused: 'paused', finished: 'finished' }[reading.status];
  const out: string[] = [
    `# ${prompt.title}`,
    '',
    '<!-- Written by MLPrep from session.json on every change: edit your notes in the design panel. -->',
    '',
    `- Session: ${session.folder} (${session.durationMinutes} minutes)`,
    `- Status: ${status}`,
    `- Time: ${formatSpent(reading.totalElapsedMs, reading.totalPlanMs)} of ${formatMinutes(reading.totalPlanMs)}`,
    '- Whiteboard: [whiteboard.excalidraw](whiteboard.excalidraw)',
    '',
    '## Prompt',
    '',
    quote(prompt.prompt),
    '',
  ];
  const interviewer = interviewerReport(prompt.context, session);
  if (interviewer.asked.length) {
    out.push('## Asked the interviewer', '');
    for (const a of interviewer.asked) {
      const when = a.when ? ` _(asked at ${formatMinutes(a.when.elapsedMs)}, in ${SECTION_TITLES[DESIGN_SECTION_KEYS[a.when.section]]})_` : '';
      out.push(`- **${a.question}**${when}`, `  ${a.answer}`);
    }
    out.push('');
  }
  // Facts never asked stay hidden until the clock is over: then the report names them.
  if (session.phase !== 'working' && interviewer.notAsked.length) {
    out.push(`## Not asked (${interviewer.notAsked.length} of ${interviewer.total})`, '');
    for (const n of interviewer.notAsked) out.push(`- You did not ask: **${n.question}**`, `  The answer: ${n.answer}`);
    out.push('');
  }
  DESIGN_SECTION_KEYS.forEach((key, i) => {
    const work = session.sections[key];
    const r = reading.sections[i];
    out.push(`## ${i + 1}. ${SECTION_TITLES[key]}`, '', `Time: ${formatSpent(r.elapsedMs, r.planMs)} of ${formatMinutes(r.planMs)} planned`, '');
    const text = sectionText?.[key] ?? work.notes;
    out.push(text.trim() ? text.trimEnd() : '_No notes._', '');
    const questions = prompt.sections[key]?.questions ?? [];
    if (questions.length) {
      out.push('Probing questions:', '');
      questions.forEach((q, qi) => out.push(`- [${work.ticked.includes(qi) ? 'x' : ' '}] ${q}`));
      out.push('');
    }
    if (work.score !== undefined) out.push(`Self-assessment: ${work.score} / 4`, '');
  });
  if (session.phase !== 'working') {
    out.push('## Summary', '', '| Section | Planned | Spent | Questions ticked | Score |', '| --- | --- | --- | --- | --- |');
    DESIGN_SECTION_KEYS.forEach((key, i) => {
      const r = reading.sections[i];
      const total = prompt.sections[key]?.questions.length ?? 0;
      const w = session.sections[key];
      out.push(`| ${SECTION_TITLES[key]} | ${formatMinutes(r.planMs)} | ${formatSpent(r.elapsedMs, r.planMs)} | ${w.ticked.length} / ${total} | ${w.score ?? '-'} |`);
    });
    out.push(`| **Total** | ${formatMinutes(reading.totalPlanMs)} | ${formatSpent(reading.totalElapsedMs, reading.totalPlanMs)} | | ${session.averageScore?.toFixed(2) ?? '-'} |`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
