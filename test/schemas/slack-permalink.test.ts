import { isSlackPermalink } from '../../src/schemas/slack-permalink';

describe('isSlackPermalink', () => {
  it.each([
    // chat.getPermalink's documented answers: a message, and a reply in a thread.
    'https://ghostbusters.slack.com/archives/C1H9RESGA/p135854651500008',
    'https://ghostbusters.slack.com/archives/C1H9RESGL/p135854651700023?thread_ts=1358546515.000008&cid=C1H9RESGL',
    // Private channels, DMs, and an Enterprise Grid workspace's longer host.
    'https://acme.slack.com/archives/G0PRIVATE1/p1764000000000100',
    'https://acme.slack.com/archives/D0DM00001/p1764000000000100',
    'https://acme-norge.enterprise.slack.com/archives/C0001/p1764000000000100',
  ])('accepts %s', (link) => {
    expect(isSlackPermalink(link)).toBe(true);
  });

  it.each([
    ['plain http', 'http://acme.slack.com/archives/C0001/p1764000000000100'],
    ['another host', 'https://evil.example/archives/C0001/p1764000000000100'],
    ['a host that only starts like Slack', 'https://acme.slack.com.evil.example/archives/C0001/p1764000000000100'],
    ['a host that only ends like Slack', 'https://evilslack.com/archives/C0001/p1764000000000100'],
    ['Slack itself with no workspace', 'https://slack.com/archives/C0001/p1764000000000100'],
    ['credentials before the host', 'https://acme.slack.com@evil.example/archives/C0001/p1764000000000100'],
    ['another path', 'https://acme.slack.com/files/U0001/F0001/report.pdf'],
    ['a fragment', 'https://acme.slack.com/archives/C0001/p1764000000000100#x'],
    ['extra query parameters', 'https://acme.slack.com/archives/C0001/p1764000000000100?redirect=https://evil.example'],
    ['mrkdwn link syntax', 'https://acme.slack.com/archives/C0001/p1764000000000100|click>'],
    ['a script', 'javascript:alert(1)//acme.slack.com/archives/C0001/p1764000000000100'],
    ['a lower-case channel', 'https://acme.slack.com/archives/c0001/p1764000000000100'],
    ['a very long value', `https://acme.slack.com/archives/C0001/p${'1'.repeat(400)}`],
  ])('refuses %s', (_label, link) => {
    expect(isSlackPermalink(link)).toBe(false);
  });

  it('refuses what is not text', () => {
    for (const value of [undefined, null, 42, { href: 'https://acme.slack.com/archives/C0001/p1' }]) {
      expect(isSlackPermalink(value)).toBe(false);
    }
  });
});
