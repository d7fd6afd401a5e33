// BSON regexes carry PCRE options ("imxs"); JS RegExp needs translation.
import { BSONRegExp } from 'bson';
import { err } from '../errors';

const cache = new Map<string, RegExp>();

export function toJsRegExp(pattern: string, options = ''): RegExp {
  const key = `${options}/${pattern}`;
  let re = cache.get(key);
  if (re) return re;
  let src = pattern;
  if (options.includes('x')) {
    // Extended mode: unescaped whitespace and #-comments are ignored.
    src = stripExtended(src);
  }
  const flags = [...new Set(options.split('').filter((f) => 'ims'.includes(f)))].join('');
  try {
    re = new RegExp(src, flags + 'u');
  } catch {
    try {
      re = new RegExp(src, flags);
    } catch (e) {
      throw err(51091, `Regular expression is invalid: ${(e as Error).message}`);
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}

export function regexOf(v: unknown): RegExp | undefined {
  if (v instanceof BSONRegExp) return toJsRegExp(v.pattern, v.options);
  if (v instanceof RegExp) return v;
  return undefined;
}

export const isRegexValue = (v: unknown): boolean => v instanceof BSONRegExp || v instanceof RegExp;

/** Literal prefix of a `^`-anchored regex (no `m`/`i`/`x` flags), or undefined when the regex is not a simple prefix. */
export function anchoredPrefix(pattern: string, options: string): { prefix: string; exact: boolean } | undefined {
  if (/[imx]/.test(options)) return undefined;
  let p = pattern;
  if (p.startsWith('\\A')) p = p.slice(2);
  else if (p.startsWith('^')) p = p.slice(1);
  else return undefined;
  let prefix = '';
  let i = 0;
  for (; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '\\') {
      const n = p[i + 1];
      if (n !== undefined && /[\\^$.|?*+()[\]{}/-]/.test(n)) {
        prefix += n;
        i++;
        continue;
      }
      break;
    }
    if ('^$.|?*+()[]{}'.includes(c)) break;
    prefix += c;
  }
  // A quantifier applies to the previous char, which then is not a fixed part of the prefix.
  if (i < p.length && '?*{'.includes(p[i] as string) && prefix.length > 0) prefix = prefix.slice(0, -1);
  return { prefix, exact: i === p.length };
}

/** PCRE "x" mode: drop unescaped whitespace and #-comments outside character classes. */
function stripExtended(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}
