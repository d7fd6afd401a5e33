import { inspect } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';

const order: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 10,
  [LogLevel.INFO]: 20,
  [LogLevel.WARN]: 30,
  [LogLevel.ERROR]: 40,
};

// Slack tokens have recognisable prefixes; anything shaped like one is masked even if we were never told its value.
const tokenPattern = /\b(xox[abpersc]|xapp)-[0-9A-Za-z-]+/g;

export interface LoggerOptions {
  level: `${LogLevel}`;
  format: 'json' | 'pretty';
  /** Exact values (signing secret, keys) that must never reach a log line. */
  secrets?: (string | undefined)[];
  name?: string;
  /** Where lines go; tests capture them to prove no secret leaks. */
  write?: (line: string, level: LogLevel) => void;
}

function render(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.stack ?? `${part.name}: ${part.message}`;
  return inspect(part, { depth: 4, breakLength: Infinity });
}

/** Bolt-compatible logger: JSON lines for production, readable lines for a developer's terminal. */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const write =
    options.write ??
    ((line: string, level: LogLevel) =>
      (level === LogLevel.ERROR || level === LogLevel.WARN ? process.stderr : process.stdout).write(`${line}\n`));
  let level = options.level as LogLevel;
  let name = options.name ?? 'kontakt';

  const scrub = (text: string): string => {
    let out = text.replace(tokenPattern, '$1-[redacted]');
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };

  const emit = (at: LogLevel, parts: unknown[]): void => {
    if (order[at] < order[level]) return;
    const msg = scrub(parts.map(render).join(' '));
    const line =
      options.format === 'json'
        ? JSON.stringify({ time: new Date().toISOString(), level: at, name, msg })
        : `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${name}] ${msg}`;
    write(line, at);
  };

  return {
    debug: (...msg: unknown[]) => emit(LogLevel.DEBUG, msg),
    info: (...msg: unknown[]) => emit(LogLevel.INFO, msg),
    warn: (...msg: unknown[]) => emit(LogLevel.WARN, msg),
    error: (...msg: unknown[]) => emit(LogLevel.ERROR, msg),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
