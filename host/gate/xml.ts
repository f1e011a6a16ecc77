/**
 * A small strict XML reader (for the JUnit files `bms-edge gate merge` reads, and for the tests):
 * elements, attributes, text, CDATA, comments, the XML declaration and the five named entities plus
 * numeric references. Throws on anything malformed (mismatched or unclosed tags, duplicate
 * attributes, a bare '<' or '&' in text, trailing content).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  return s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare '&' near offset ${at}`);
    if (body in ENTITY) return ENTITY[body]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (num) return String.fromCodePoint(body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    throw new Error(`unknown entity &${body}; near offset ${at}`);
  });
}

export function parseXml(src: string): XmlElement {
  let i = 0;
  const skipMisc = (): void => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i);
        if (end < 0) throw new Error('unterminated processing instruction');
        i = end + 2;
      } else if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    const m = /^<([A-Za-z_][\w.-]*)/.exec(src.slice(i, i + 200));
    if (!m) throw new Error(`expected an element at offset ${i}`);
    const el: XmlElement = { name: m[1]!, attrs: {}, children: [], text: '' };
    i += m[0].length;
    for (;;) {
      const a = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(src.slice(i));
      if (!a) break;
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]} on <${el.name}>`);
      el.attrs[a[1]!] = decode(a[3] ?? a[4] ?? '', i);
      i += a[0].length;
    }
    while (/\s/.test(src[i] ?? '')) i++;
    if (src.startsWith('/>', i)) {
      i += 2;
      return el;
    }
    if (src[i] !== '>') throw new Error(`malformed start tag <${el.name}> at offset ${i}`);
    i++;
    for (;;) {
      if (i >= src.length) throw new Error(`<${el.name}> is not closed`);
      if (src.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(src.slice(i, i + 200));
        if (!close || close[1] !== el.name) throw new Error(`</${close?.[1]}> closes <${el.name}> at offset ${i}`);
        i += close[0].length;
        return el;
      }
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) throw new Error('unterminated CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else if (src[i] === '<') {
        el.children.push(element());
      } else {
        const next = src.indexOf('<', i);
        const end = next < 0 ? src.length : next;
        el.text += decode(src.slice(i, end), i);
        i = end;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== src.length) throw new Error(`content after the root element at offset ${i}`);
  return root;
}
