// Zalo OA ids are 19-digit numbers. They should arrive as strings, but if one arrives as a JSON
// number, JSON.parse would round it (platforms.md §2). Quote long integer literals first.

/** Rewrites integer literals of 16+ digits outside strings as JSON strings; leaves the rest alone. */
export function quoteLongIntegers(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      let j = c === '-' ? i + 1 : i;
      while (j < n && src[j]! >= '0' && src[j]! <= '9') j++;
      const next = src[j];
      if (next !== '.' && next !== 'e' && next !== 'E' && j - i - (c === '-' ? 1 : 0) >= 16) {
        out += `"${src.slice(i, j)}"`;
        i = j;
        continue;
      }
      let k = j;
      while (k < n && /[0-9.eE+-]/.test(src[k]!)) k++;
      out += src.slice(i, k);
      i = k;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** JSON.parse that keeps long integers exact (as strings). Throws like JSON.parse on bad input. */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}
