import { describe, expect, it } from 'vitest';
import { checkStory, hasQuantity, hasReasonedDecision, pronounCounts, spokenSeconds, type StoryRule } from '../../src/core/stories/checkStory';
import { parseStory, storyFileStem, storyTemplate } from '../../src/core/stories/storyFile';

const story = (o: { front?: string; situation?: string; task?: string; action?: string; result?: string; omit?: string[] } = {}) => {
  const parts: [string, string][] = [
    ['Situation', o.situation ?? 'Our ranking service missed its latency budget two weeks before launch.'],
    ['Task', o.task ?? 'I owned bringing p99 latency under the 80 ms budget.'],
    ['Action', o.action ?? 'I profiled the service and found feature fetches dominated. I chose to batch the lookups because each call paid a network round trip.'],
    ['Result', o.result ?? 'p99 latency fell from 130 ms to 75 ms and the launch kept its date.'],
  ];
  return [
    '---',
    o.front ?? 'title: "Latency"\ncompetencies: [ownership]\nlevel: L5\nmetrics: ["cut p99 latency 42%"]',
    '---',
    '',
    ...parts.filter(([h]) => !o.omit?.includes(h)).flatMap(([h, t]) => [`## ${h}`, t, '']),
  ].join('\n');
};
const rules = (text: string, known?: string[]) => checkStory(text, known ? { competencies: new Set(known) } : {}).map((f) => f.rule);
const find = (text: string, rule: StoryRule) => checkStory(text).find((f) => f.rule === rule);

describe('story checker', () => {
  it('finds nothing in a good story', () => {
    expect(checkStory(story())).toEqual([]);
  });

  it('flags "we" used at least 5 times and more often than "I", with the counts, on the first "we" line', () => {
    const text = story({
      action: 'We profiled the service. We found the fetches slow. We chose to batch them because of round trips. Our team shipped it and we celebrated.',
    });
    const f = find(text, 'we-not-i');
    expect(f?.message).toMatch(/"We" 6 times, "I" 1 times/);
    expect(parseStory(text).lines[f!.line]).toContain('Our ranking service'); // the Situation's "Our" comes first
  });

  it('does not flag "we" under the threshold or when "I" is as frequent', () => {
    expect(rules(story({ action: 'We met. We agreed. We chose to batch because of trips. I wrote it.' }))).not.toContain('we-not-i'); // 3 "we"
    expect(rules(story({ action: 'We met, we agreed, we planned, we split, we chose to batch because of trips. I wrote it, I tested it, I shipped it, I measured it, I chose the rollout plan, I told my manager.' }))).not.toContain('we-not-i');
  });

  it('counts pronouns as whole words, curly apostrophes included', () => {
    expect(pronounCounts('We’re sure we’ll weigh it; I’m in, it is mine. Wedge, Iowa.')).toEqual({ we: 2, i: 2 });
  });

  it('flags a story whose Result and metrics have no number with a unit', () => {
    const text = story({ front: 'title: T\ncompetencies: [ownership]\nmetrics: []', result: 'It went much better and everyone was happy.' });
    const f = find(text, 'no-numbers');
    expect(f?.message).toMatch(/No quantified outcome/);
    expect(parseStory(text).lines[f!.line]).toBe('## Result');
    // Metrics alone suffice, and so does a quantity in Result.
    expect(rules(story({ result: 'It went well.' }))).not.toContain('no-numbers');
    expect(rules(story({ front: 'title: T\ncompetencies: [ownership]', result: 'Saved $120k a year.' }))).not.toContain('no-numbers');
  });

  it('recognises quantities with units but not bare numbers such as years', () => {
    for (const s of ['40%', 'cut latency by 40 percent', '$120k', '3x faster', '80 ms', 'in 3 weeks', '2 engineers', '1.5M users']) expect(hasQuantity(s), s).toBe(true);
    for (const s of ['in 2023 the team', 'version 3', 'no numbers here']) expect(hasQuantity(s), s).toBe(false);
  });

  it('reports missing STAR parts by name and empty sections on their heading', () => {
    const missing = find(story({ omit: ['Task', 'Result'] }), 'missing-part');
    expect(missing?.message).toMatch(/Missing Task, Result/);
    const text = story({ situation: '' });
    const empty = checkStory(text).find((f) => f.rule === 'missing-part');
    expect(empty?.message).toMatch(/Situation section is empty/);
    expect(parseStory(text).lines[empty!.line]).toBe('## Situation');
  });

  it('takes the part from the first word of the heading ("## Result and what I learned" is the Result)', () => {
    expect(rules(story().replace('## Result', '## Result and what I learned'))).not.toContain('missing-part');
  });

  it('flags a story longer than 3 minutes spoken, saying the estimate', () => {
    const long = Array.from({ length: 470 }, (_, i) => `word${i}`).join(' ');
    const f = find(story({ situation: long }), 'too-long');
    expect(f?.message).toMatch(/About 3:\d\d spoken \(\d+ words at 150 words a minute\)/);
    expect(rules(story({ situation: Array.from({ length: 300 }, () => 'word').join(' ') }))).not.toContain('too-long');
    expect(spokenSeconds(Array.from({ length: 150 }, () => 'w').join(' '))).toBe(60);
  });

  it('flags an Action without a decision and its reason (a heuristic) on the Action heading', () => {
    const text = story({ action: 'I profiled the service. I batched the lookups. I shipped it.' });
    const f = find(text, 'no-decision');
    expect(f?.message).toMatch(/heuristic/);
    expect(parseStory(text).lines[f!.line]).toBe('## Action');
    expect(hasReasonedDecision('I decided to ship the smaller model to cut latency')).toBe(true);
    expect(hasReasonedDecision('I chose gradient boosting because the data was tabular')).toBe(true);
    expect(hasReasonedDecision('I decided to ship the smaller model')).toBe(false);
    expect(hasReasonedDecision('I wrote the code because it was needed')).toBe(false);
  });

  it('reports unknown competencies on their list item and malformed front matter', () => {
    const text = story({ front: 'title: T\ncompetencies:\n  - ownership\n  - heroics\nmetrics: ["40%"]' });
    const f = checkStory(text, { competencies: new Set(['ownership']) }).find((x) => x.rule === 'unknown-competency');
    expect(parseStory(text).lines[f!.line]).toContain('heroics');
    expect(rules(story({ front: 'title: [unclosed' }))).toContain('front-matter');
  });

  it('ignores template comments: a fresh template reports its empty sections and no "I" from the hints', () => {
    const t = storyTemplate({ title: 'Migration', competencies: ['cross-team'] });
    const p = parseStory(t);
    expect(p.front).toMatchObject({ title: 'Migration', competencies: ['cross-team'], metrics: [] });
    expect(pronounCounts(p.bodyText).i).toBe(0);
    expect(rules(t).filter((r) => r === 'missing-part')).toHaveLength(4);
  });

  it('makes file stems from titles', () => {
    expect(storyFileStem('Cut p99 latency: 40%!')).toBe('cut-p99-latency-40');
    expect(storyFileStem('***')).toBe('story');
  });
});
