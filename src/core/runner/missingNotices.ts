// "Module X is not installed" notifications stay on screen (they carry buttons) and cannot be
// closed by the extension, so MLPrep shows one per interpreter and module: the check when a
// problem starts and the run after a save share this memory. The status bar, the diagnostic and
// the output line keep saying it on every run.

export class MissingModuleNotices {
  private readonly shown = new Map<string, Set<string>>();

  /**
   * True when a notification should be shown now for `modules` missing in `python` (an
   * interpreter path): at least one of them was not notified for that interpreter yet. Records
   * them. An empty module list counts as one unnamed module.
   */
  first(python: string, modules: readonly string[]): boolean {
    const seen = this.shown.get(python) ?? new Set<string>();
    this.shown.set(python, seen);
    const names = modules.length ? modules : [''];
    const fresh = names.filter((m) => !seen.has(m));
    fresh.forEach((m) => seen.add(m));
    return fresh.length > 0;
  }
}
