/**
 * XML bytes → a small element tree, safely. A DOCTYPE or ENTITY declaration is refused on the
 * decoded text BEFORE any parser sees it (billion laughs, XXE), and fast-xml-parser runs with
 * entity processing off besides; the five predefined entities and character references are
 * decoded here, in one pass that never expands anything it produced. Namespace prefixes are
 * dropped (element names are what matters), a BOM and CRLF line ends make no difference,
 * attributes are ignored. Text is NFC with runs of white space as one space.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

export type XmlProblemCode = 'xml_doctype' | 'xml_invalid' | 'xml_encoding' | 'xml_not_xml';

export interface XmlProblem {
  code: XmlProblemCode;
  params: Record<string, string | number | null>;
}

type Result<T> = { ok: true; value: T } | { ok: false; problem: XmlProblem };

// `<!DOCTYPE` may hide an internal subset of entities; `<!ENTITY` is refused anywhere, even in a comment.
const DTD = /<!\s*(DOCTYPE|ENTITY)/i;
const DECLARED_ENCODING = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i;

/** Decodes UTF-8 (with or without BOM) or UTF-16 with a BOM; other encodings are refused. */
export function decodeXml(bytes: Uint8Array): Result<string> {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: 'xml_encoding', params: { encoding: null } } };
  }
  text = text.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('<')) return { ok: false, problem: { code: 'xml_not_xml', params: {} } };
  const declared = DECLARED_ENCODING.exec(trimmed)?.[1]
    ?.toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (declared && !['utf8', 'utf16', 'utf16le', 'utf16be'].includes(declared))
    return { ok: false, problem: { code: 'xml_encoding', params: { encoding: declared } } };
  return { ok: true, value: trimmed };
}

const ENTITY = /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The predefined entities and character references, decoded once (so `&amp;lt;` is `&lt;`). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (all, e: string) => {
    const named = NAMED[e.toLowerCase()];
    if (named) return named;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  maxNestedTags: 64,
});

type Ordered = Record<string, unknown>[];

function toNodes(items: Ordered): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) {
      if (name === '#text' || name === ':@') continue;
      const kids = Array.isArray(value) ? (value as Ordered) : [];
      const text = kids
        .filter((k) => '#text' in k)
        .map((k) => String(k['#text']))
        .join(' ');
      out.push({ name, text: cleanXmlText(decodeEntities(text)), children: toNodes(kids) });
    }
  }
  return out;
}

/** NFC, white space runs (CRLF, tabs, indentation) as one space, trimmed. */
export function cleanXmlText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The document's elements (usually one root), or why it cannot be read. */
export function parseXml(text: string): Result<XmlNode[]> {
  if (DTD.test(text)) return { ok: false, problem: { code: 'xml_doctype', params: {} } };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const e = valid.err;
    return { ok: false, problem: { code: 'xml_invalid', params: { line: e.line, col: e.col, reason: e.msg } } };
  }
  let items: Ordered;
  try {
    items = parser.parse(text) as Ordered;
  } catch (e) {
    return {
      ok: false,
      problem: { code: 'xml_invalid', params: { line: null, col: null, reason: (e as Error).message } },
    };
  }
  return { ok: true, value: toNodes(items) };
}

/** The first child named `name`, or undefined. */
export function child(n: XmlNode | undefined, name: string): XmlNode | undefined {
  return n?.children.find((c) => c.name === name);
}

/** Children named `name`. */
export function children(n: XmlNode | undefined, name: string): XmlNode[] {
  return n ? n.children.filter((c) => c.name === name) : [];
}

/** Follows a path of child names: at(hdon, 'DLHDon', 'TTChung', 'SHDon'). */
export function at(n: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let cur = n;
  for (const p of path) cur = child(cur, p);
  return cur;
}

/** Every element named `name`, depth first, down to `maxDepth` levels. */
export function findAll(nodes: XmlNode[], name: string, maxDepth = 8): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (list: XmlNode[], depth: number) => {
    for (const n of list) {
      if (n.name === name) out.push(n);
      else if (depth < maxDepth) walk(n.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return out;
}
