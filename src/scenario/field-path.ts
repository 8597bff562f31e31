/**
 * Turns an API field path (`spec.template.metadata.labels.app.kubernetes.io/name`,
 * `spec.containers[0].image`) back into path parts by walking the object,
 * matching the longest existing key at each level (label keys contain dots).
 */
type PathPart = string | number;

export function fieldPathParts(object: unknown, field: string): PathPart[] {
  const parts: PathPart[] = [];
  let value: unknown = object;
  let rest = field;
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      const index = Number(rest.slice(1, close));
      parts.push(index);
      value = Array.isArray(value) ? value[index] : undefined;
      rest = rest.slice(close + 1);
      if (rest.startsWith('.')) rest = rest.slice(1);
      continue;
    }
    let key: string | undefined;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value).filter((k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`));
      key = keys.sort((a, b) => b.length - a.length)[0];
    }
    if (key === undefined) {
      const match = /^[^.[]+/.exec(rest);
      key = match === null ? rest : match[0];
    }
    parts.push(key);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    rest = rest.slice(key.length);
    if (rest.startsWith('.')) rest = rest.slice(1);
  }
  return parts;
}
