/** Maps repeated strings (issuers, topics, info types) to small integers and back. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [''];

  /** 0 stands for "none". */
  id(name: string | null | undefined): number {
    if (!name) return 0;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  lookup(name: string): number | undefined {
    return this.ids.get(name);
  }
}
