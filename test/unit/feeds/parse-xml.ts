import sax from 'sax';

/** A parsed XML element: enough structure to assert on feeds without string matching. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses with sax in strict mode: any well-formedness error throws. */
export function parseXml(xml: string): XmlNode {
  const parser = sax.parser(true);
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    stack.at(-1)!.text += text;
  };
  parser.oncdata = parser.ontext;
  parser.write(xml).close();
  return root.children[0]!;
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>; children: ${node.children.map((c) => c.name).join(', ')}`);
  return found;
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((candidate) => candidate.name === name);
}

export function textOf(node: XmlNode, name: string): string {
  return child(node, name).text;
}
