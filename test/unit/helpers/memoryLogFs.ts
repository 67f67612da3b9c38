// An in-memory LogFs for ProgressLog tests, with crash injection: `crashOn` makes the next append
// write a strict prefix of its text (a torn last line) or the next rename never happen (a crash
// between writing the snapshot's temp file and renaming it), then throws Crash.
import type { LogFs } from '../../../src/adapters/progressLog';

export class Crash extends Error {}

export class MemoryDisk {
  readonly files = new Map<string, string>();
  list(dir: string): string[] {
    const prefix = dir.replace(/\/+$/, '') + '/';
    return [...this.files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/')).map((f) => f.slice(prefix.length));
  }
}

/** One window's view of a MemoryDisk; `crashOn` arms a crash for this window only. */
export class MemoryLogFs implements LogFs {
  crashOn: 'append' | 'rename' | undefined;
  /** 0..1: how much of a torn append is written. */
  tornShare = 0.5;
  constructor(private readonly disk: MemoryDisk) {}
  async mkdir(): Promise<void> {}
  async readdir(dir: string): Promise<string[]> {
    return this.disk.list(dir);
  }
  async readFile(file: string): Promise<string | undefined> {
    return this.disk.files.get(file);
  }
  async appendFile(file: string, text: string): Promise<void> {
    if (this.crashOn === 'append') {
      // Strictly less than the whole text, and never a whole line: the last line is torn.
      const cut = Math.min(text.length - 1, Math.max(0, Math.floor(text.length * this.tornShare)));
      this.disk.files.set(file, (this.disk.files.get(file) ?? '') + text.slice(0, cut));
      throw new Crash('crash during append');
    }
    this.disk.files.set(file, (this.disk.files.get(file) ?? '') + text);
  }
  async writeFile(file: string, text: string): Promise<void> {
    this.disk.files.set(file, text);
  }
  async rename(from: string, to: string): Promise<void> {
    if (this.crashOn === 'rename') {
      // The temp file may itself be incomplete when the crash came during its write.
      const tmp = this.disk.files.get(from);
      if (tmp !== undefined && this.tornShare < 0.5) this.disk.files.set(from, tmp.slice(0, Math.floor(tmp.length * this.tornShare)));
      throw new Crash('crash before rename');
    }
    const v = this.disk.files.get(from);
    if (v === undefined) throw new Error(`ENOENT ${from}`);
    this.disk.files.delete(from);
    this.disk.files.set(to, v);
  }
  async unlink(file: string): Promise<void> {
    this.disk.files.delete(file);
  }
}
