// Minimal types for sax (a dependency of astro and @astrojs/sitemap), used only to parse feeds in tests.
declare module 'sax' {
  interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  interface SaxParser {
    onerror: (error: Error) => void;
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    write(xml: string): SaxParser;
    close(): SaxParser;
  }
  const sax: { parser(strict: boolean, options?: { trim?: boolean; xmlns?: boolean }): SaxParser };
  export default sax;
}
