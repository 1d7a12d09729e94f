/** Structured log lines, one JSON object per line on stderr (so stdout stays for the CLI). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function serialise(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

/** A logger writing JSON lines; `silent` drops info lines (tests, benchmarks). */
export function createLogger(level: 'info' | 'warn' | 'silent' = 'info'): Logger {
  const write = (severity: string, message: string, fields: Record<string, unknown> = {}) => {
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: severity, message };
    for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  };
  return {
    info: (message, fields) => {
      if (level === 'info') write('info', message, fields);
    },
    warn: (message, fields) => {
      if (level !== 'silent') write('warn', message, fields);
    },
    error: (message, fields) => write('error', message, fields),
  };
}
