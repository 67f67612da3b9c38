// Loads theory cards from packs the way the catalogue loads problems (src/core/catalog/loadPack.ts:
// the same PackFileSystem, text rules, size limit and YAML parsing; symlinks leading outside the
// pack ignored). Content errors never throw: they come back as CatalogError entries naming the
// file, the card and the field, and the card concerned is left out.
import path from 'node:path';
import { PackReader, withSnapshot, type PackFileSystem, type PackSpec } from '../catalog/loadPack';
import type { PackSnapshots } from '../catalog/packSnapshot';
import { THEORY_FOLDER, type CatalogError, type PackSource } from '../catalog/types';
import { validateTopicFile } from './validateTheory';
import { topicRank, type TheoryCard, type TheoryDeck, type TheoryTopic } from './types';

/**
 * The theory topics of one pack (`<dir>/theory/*.yaml`); a pack without the folder has none.
 * Duplicate card ids inside the pack are reported (the first, in file-name order, wins).
 */
export async function loadTheoryPack(dir: string, options: { source: PackSource; fs: PackFileSystem }): Promise<TheoryDeck> {
  const reader = new PackReader(options.fs, path.resolve(dir), options.source, false);
  const topics: TheoryTopic[] = [];
  if (!(await reader.open())) return { topics, errors: reader.errors };
  const folder = path.join(reader.dir, THEORY_FOLDER);
  if ((await reader.resolve(folder)) !== 'dir') return { topics, errors: reader.errors };
  const seen = new Map<string, string>();
  for (const name of await reader.entries(folder)) {
    const file = path.join(folder, name);
    if (!/\.ya?ml$/.test(name) || (await reader.resolve(file)) !== 'file') continue;
    const stem = name.replace(/\.ya?ml$/, '');
    const bad = reader.slugProblem(stem);
    if (bad) {
      reader.error(file, `${bad}; topic ignored`);
      continue;
    }
    const parsed = await reader.readYaml(file);
    if (!parsed) continue;
    const result = validateTopicFile(parsed.data, stem);
    reader.reportIssues(file, result.issues, parsed.lineOf);
    if (!result.topic) continue;
    const cards: TheoryCard[] = [];
    for (const { index, card } of result.cards) {
      const first = seen.get(card.id);
      if (first !== undefined) {
        reader.error(file, `card "${card.id}": duplicate id (already used in ${first}); ignored`, { field: `cards[${index}].id`, ...parsed.lineOf(['cards', index, 'id']) });
        continue;
      }
      seen.set(card.id, reader.display(file));
      cards.push({ ...card, topic: stem, source: options.source, file });
    }
    topics.push({ id: stem, title: result.topic.title, source: options.source, file, cards });
  }
  return { topics: sortTopics(topics), errors: reader.errors };
}

const sortTopics = (topics: TheoryTopic[]) => [...topics].sort((a, b) => topicRank(a.id) - topicRank(b.id) || a.id.localeCompare(b.id));

/** Ids the cards must not reuse (coding problems, design prompts) and may relate to (coding problems). */
export interface TheoryLinks {
  codingIds: ReadonlySet<string>;
  designIds: ReadonlySet<string>;
}

/**
 * Loads and merges the theory cards of several packs. As with problems, built-in packs come first
 * whatever the order given, and a later card reusing an id is an error of its own pack. Every
 * `related` id must name a coding problem of the catalogue (`links`); a card with a dangling one is
 * reported and left out. A user topic with the same file stem as a built-in one is its own topic
 * (listed under the same title), never a replacement.
 */
export async function loadTheoryDeck(packs: PackSpec[], fs: PackFileSystem, links: TheoryLinks, options: { snapshots?: PackSnapshots } = {}): Promise<TheoryDeck> {
  const ordered = [...packs.filter((p) => p.source === 'builtin'), ...packs.filter((p) => p.source !== 'builtin')];
  const { snapshots } = options;
  const loaded = await Promise.all(ordered.map((p) => snapshots
    ? withSnapshot('theory', p, fs, snapshots, (recorded) => loadTheoryPack(p.dir, { source: p.source, fs: recorded }))
    : loadTheoryPack(p.dir, { source: p.source, fs })));
  const errors: CatalogError[] = [];
  const topics: TheoryTopic[] = [];
  const owner = new Map<string, string>();
  ordered.forEach((spec, i) => {
    const pack = loaded[i];
    errors.push(...pack.errors);
    const display = (file: string) => [path.basename(path.resolve(spec.dir)), ...path.relative(path.resolve(spec.dir), file).split(path.sep)].join('/');
    for (const topic of pack.topics) {
      const cards: TheoryCard[] = [];
      topic.cards.forEach((card) => {
        const err = (field: string, message: string) => errors.push({ source: spec.source, file: card.file, displayPath: display(card.file), field, message: `card "${card.id}": ${message}` });
        const taken = owner.get(card.id);
        if (taken) return err('id', `id is already used by ${taken}; ignored`);
        if (links.codingIds.has(card.id) || links.designIds.has(card.id)) return err('id', `id is already used by a ${links.codingIds.has(card.id) ? 'coding problem' : 'design prompt'}; ignored`);
        const dangling = card.related.filter((r) => !links.codingIds.has(r));
        if (dangling.length) return err('related', `no coding problem with id ${dangling.map((d) => `"${d}"`).join(', ')}; card ignored`);
        owner.set(card.id, display(card.file));
        cards.push(card);
      });
      topics.push({ ...topic, cards });
    }
  });
  return { topics: sortTopics(topics), errors };
}
