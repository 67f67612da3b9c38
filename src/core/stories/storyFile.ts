// A behavioural story as the user writes it: a Markdown file with YAML front matter
//   ---
//   title: Cut ranking latency before launch
//   competencies: [ownership, ambiguity]
//   level: L5
//   metrics: ["cut p99 latency 40%", "saved $120k/yr"]
//   ---
//   ## Situation ... ## Task ... ## Action ... ## Result ...
// Parsing never throws: what is wrong comes back as problems with their 0-based line.
import { yamlLibrary } from '../catalog/yamlLibrary';

export const STAR_PARTS = ['Situation', 'Task', 'Action', 'Result'] as const;
export type StarPart = (typeof STAR_PARTS)[number];

export interface StorySection {
  /** The heading text as written. */
  heading: string;
  /** The STAR part the heading names (its first word, case-insensitive), if any. */
  part?: StarPart;
  /** 0-based line of the heading. */
  line: number;
  /** 0-based line of the first body line and one past the last. */
  start: number;
  end: number;
  /** The section's text without HTML comments (template hints). */
  text: string;
}

export interface StoryFrontMatter {
  title?: string;
  competencies: string[];
  level?: string;
  metrics: string[];
}

export interface ParsedStory {
  front: StoryFrontMatter;
  /** Whether the file starts with a front-matter block. */
  hasFrontMatter: boolean;
  /** 0-based line of each front-matter key present (for diagnostics). */
  keyLines: Partial<Record<keyof StoryFrontMatter, number>>;
  /** 0-based line of each competency list item. */
  competencyLines: number[];
  /** 0-based line where the Markdown body starts. */
  bodyStart: number;
  /** `##` sections in order. */
  sections: StorySection[];
  /** Body text (no front matter, no HTML comments, no headings). */
  bodyText: string;
  /** The body's lines (from bodyStart) with HTML comments blanked. */
  cleanLines: string[];
  /** Front-matter problems (malformed YAML, wrong types). */
  problems: { line: number; message: string }[];
  lines: string[];
}

const stripComments = (s: string) => s.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));

/** Parses a story file's text (LF or CRLF). */
export function parseStory(source: string): ParsedStory {
  const lines = source.split(/\r?\n/);
  const problems: ParsedStory['problems'] = [];
  const front: StoryFrontMatter = { competencies: [], metrics: [] };
  const keyLines: ParsedStory['keyLines'] = {};
  const competencyLines: number[] = [];
  let bodyStart = 0;
  let hasFrontMatter = false;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close < 0) problems.push({ line: 0, message: 'The front matter has no closing "---" line.' });
    else {
      hasFrontMatter = true;
      bodyStart = close + 1;
      const yamlText = lines.slice(1, close).join('\n');
      const { LineCounter, parseDocument } = yamlLibrary();
      const counter = new LineCounter();
      const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
      const lineAt = (offset: number | undefined) => 1 + (offset === undefined ? 0 : counter.linePos(offset).line - 1);
      if (doc.errors.length) problems.push({ line: lineAt(doc.errors[0].pos[0]), message: `Front matter is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` });
      else {
        const data = doc.toJS() as unknown;
        const map = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
        const node = (key: string) => doc.get(key, true) as { range?: [number, number, number]; items?: { range?: [number, number, number] }[] } | undefined;
        for (const key of ['title', 'competencies', 'level', 'metrics'] as const) {
          if (map[key] === undefined) continue;
          const pair = (doc.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null)?.items?.find((p) => p.key?.value === key);
          keyLines[key] = lineAt(pair?.key?.range?.[0]);
        }
        const strings = (key: 'competencies' | 'metrics'): string[] => {
          const v = map[key];
          if (v === undefined || v === null) return [];
          const arr = Array.isArray(v) ? v : [v];
          if (!arr.every((x) => typeof x === 'string' || typeof x === 'number')) {
            problems.push({ line: keyLines[key] ?? 0, message: `"${key}" should be a list of texts.` });
            return [];
          }
          if (key === 'competencies') {
            const items = node(key)?.items;
            arr.forEach((_, i) => competencyLines.push(items ? lineAt(items[i]?.range?.[0]) : keyLines[key] ?? 0));
          }
          return arr.map((x) => String(x).trim()).filter(Boolean);
        };
        front.competencies = strings('competencies');
        front.metrics = strings('metrics');
        if (typeof map.title === 'string' && map.title.trim()) front.title = map.title.trim();
        if (typeof map.level === 'string' || typeof map.level === 'number') front.level = String(map.level).trim();
      }
    }
  }
  // Sections: `## Heading` lines outside fenced code. A `#` title line is allowed before them.
  const body = stripComments(lines.slice(bodyStart).join('\n')).split('\n');
  const sections: StorySection[] = [];
  let fence = false;
  const textLines: string[] = [];
  body.forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    const m = !fence && /^##\s+(.+?)\s*#*\s*$/.exec(l);
    const lineNo = bodyStart + i;
    if (m) {
      const first = m[1].replace(/^[^A-Za-z]*/, '').split(/[^A-Za-z]/)[0].toLowerCase();
      const part = STAR_PARTS.find((p) => p.toLowerCase() === first);
      if (sections.length) sections[sections.length - 1].end = lineNo;
      sections.push({ heading: m[1], part, line: lineNo, start: lineNo + 1, end: lines.length, text: '' });
      return;
    }
    if (!fence && /^#\s/.test(l)) return;
    textLines.push(l);
    if (sections.length) sections[sections.length - 1].text += `${l}\n`;
  });
  return { front, hasFrontMatter, keyLines, competencyLines, bodyStart, sections, bodyText: textLines.join('\n'), problems, lines, cleanLines: body };
}

/** The section of a STAR part (the first one), if present. */
export function sectionOf(story: ParsedStory, part: StarPart): StorySection | undefined {
  return story.sections.find((s) => s.part === part);
}

/** A file name for a story title: lower-case words joined by hyphens, at most 60 characters. */
export function storyFileStem(title: string): string {
  const stem = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return stem || 'story';
}

/** The Markdown of a new story from the template (front matter, the four STAR sections with hints). */
export function storyTemplate(o: { title: string; competencies: readonly string[]; level?: string }): string {
  const yamlString = (s: string) => JSON.stringify(s);
  return [
    '---',
    `title: ${yamlString(o.title)}`,
    `competencies: [${o.competencies.join(', ')}]`,
    `level: ${o.level ?? 'L4'}`,
    'metrics: []  # the outcome in numbers, e.g. ["cut p99 latency 40%", "saved $120k/yr"]',
    '---',
    '',
    `# ${o.title}`,
    '',
    '## Situation',
    '<!-- Two or three sentences: the team, the system, what was at stake. -->',
    '',
    '## Task',
    '<!-- What YOU owned: the goal, the constraint, the deadline. -->',
    '',
    '## Action',
    '<!-- What you did, in the first person ("I ..."). Name one decision and why you made it ("I chose X because Y"). -->',
    '',
    '## Result',
    '<!-- The outcome in numbers (%, ms, $, users, weeks) and what you learned. -->',
    '',
  ].join('\n');
}
