// Problems found in knowledge files. They are values: the loader returns them, the CLI prints them.

export type Severity = 'error' | 'warning';

export interface KbIssue {
  severity: Severity;
  /** Path relative to the knowledge directory. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** Front-matter key, section or "yaml"/"file" for structural problems. */
  field: string;
  message: string;
}

export function formatIssue(i: KbIssue): string {
  return `${i.file}:${i.line}: ${i.field}: ${i.message}`;
}

export function issueCollector() {
  const issues: KbIssue[] = [];
  return {
    issues,
    error: (file: string, line: number, field: string, message: string) =>
      issues.push({ severity: 'error', file, line, field, message }),
    warning: (file: string, line: number, field: string, message: string) =>
      issues.push({ severity: 'warning', file, line, field, message }),
  };
}
export type IssueSink = ReturnType<typeof issueCollector>;
