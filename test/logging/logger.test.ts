import { createLogger } from '../../src/logging/logger';

function capture(options: Partial<Parameters<typeof createLogger>[0]> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', format: 'json', write: (line) => lines.push(line), ...options });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line in json format', () => {
    const { logger, lines } = capture();
    logger.info('hello', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', name: 'kontakt', msg: 'hello { n: 1 }' });
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['w']);
  });

  it('masks Slack tokens and the configured secrets wherever they appear', () => {
    const secret = 'abcdef0123456789abcdef0123456789';
    const { logger, lines } = capture({ secrets: [secret] });
    logger.error(new Error(`failed with xoxb-1234-5678-abcdef and xapp-1-A1-99 and ${secret}`));
    logger.info({ token: 'xoxp-999-888' });
    const text = lines.join('\n');
    expect(text).not.toMatch(/xoxb-1234|xapp-1-A1|xoxp-999/);
    expect(text).not.toContain(secret);
    expect(text).toContain('xoxb-[redacted]');
    expect(text).toContain('[redacted]');
  });
});
