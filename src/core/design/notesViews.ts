// What each section's notes editor in a webview is looking at. The host sends the notes text with
// a rev; the editor types on the rev it last showed (it does not swap its text while focused),
// and each edit is applied to that view. So lines another window added meanwhile, which the
// editor has not shown yet, are never taken as deleted by this one.
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../catalog/types';
import type { NotesView } from './protocol';
import type { NotesBase, SessionRecord } from './record';
import { conflictedSections, notesView } from './record';

export class NotesViews {
  private readonly bases = new Map<DesignSectionKey, Map<number, NotesBase>>();
  private readonly sent = new Map<DesignSectionKey, { rev: number; key: string }>();
  private nextRev = 1;

  /** The revs to send with the session: a new rev for each section whose visible lines changed. */
  viewOf(rec: SessionRecord): NotesView {
    const notesRev = {} as NotesView['notesRev'];
    for (const k of DESIGN_SECTION_KEYS) {
      const v = notesView(rec, k);
      const key = v.ids.join('\n');
      let sent = this.sent.get(k);
      if (!sent || sent.key !== key) {
        sent = { rev: this.nextRev++, key };
        this.sent.set(k, sent);
        let bases = this.bases.get(k);
        if (!bases) this.bases.set(k, (bases = new Map()));
        // Kept until the editor moves past it: while the user types, the echoes lag behind.
        bases.set(sent.rev, v);
      }
      notesRev[k] = sent.rev;
    }
    return { notesRev, conflicts: conflictedSections(rec) };
  }

  /** The view an edit on `rev` applies to; undefined for an unknown rev. Older views are dropped (editors only move forward). */
  baseFor(section: DesignSectionKey, rev: number | undefined): NotesBase | undefined {
    if (rev === undefined) return undefined;
    const bases = this.bases.get(section);
    const base = bases?.get(rev);
    if (base && bases) for (const old of [...bases.keys()]) if (old < rev) bases.delete(old);
    return base;
  }

  /** After an edit on `rev`: the editor now shows `view` (the edit applied), and keeps typing on it. */
  edited(section: DesignSectionKey, rev: number | undefined, view: NotesBase | undefined): void {
    const bases = this.bases.get(section);
    if (rev !== undefined && view && bases?.has(rev)) bases.set(rev, view);
  }
}
