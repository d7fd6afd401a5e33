import { responseUrlCheck, responseUrlsOf } from '../../src/slack/response-url';

describe('responseUrlCheck', () => {
  const production = responseUrlCheck(undefined);
  const withFake = responseUrlCheck('http://127.0.0.1:4567/api/');

  it('allows Slack’s hooks host, over https only', () => {
    expect(production('https://hooks.slack.com/commands/T0001/1234/abcd')).toBe(true);
    expect(production('https://hooks.slack.com/actions/T0001/1234/abcd')).toBe(true);
    expect(production('http://hooks.slack.com/commands/T0001/1234/abcd')).toBe(false);
  });

  it.each([
    'https://hooks.slack.com.evil.example/commands/T0001/1',
    'https://evilhooks.slack.com/commands/T0001/1',
    'https://slack.com/commands/T0001/1',
    'https://hooks.slack.com:8443/commands/T0001/1',
    'https://user:pass@hooks.slack.com/commands/T0001/1',
    'https://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:4567/response/x',
    'file:///etc/passwd',
    'not a url',
    '',
  ])('refuses %s in production', (url) => {
    expect(production(url)).toBe(false);
  });

  it('refuses what is not text', () => {
    for (const value of [undefined, null, 42, ['https://hooks.slack.com/commands/T0001/1']]) {
      expect(production(value)).toBe(false);
    }
  });

  it('with SLACK_API_URL set, allows that origin too (the tests’ fake, a proxy), and nothing more', () => {
    expect(withFake('http://127.0.0.1:4567/response/abc')).toBe(true);
    expect(withFake('https://hooks.slack.com/commands/T0001/1234/abcd')).toBe(true);
    expect(withFake('http://127.0.0.1:4568/response/abc')).toBe(false);
    expect(withFake('https://127.0.0.1:4567/response/abc')).toBe(false);
  });
});

describe('responseUrlsOf', () => {
  it('finds the single response_url and those of a view submission', () => {
    expect(responseUrlsOf({ response_url: 'a' })).toEqual(['a']);
    expect(responseUrlsOf({ response_urls: [{ response_url: 'b' }, { response_url: 'c' }] })).toEqual(['b', 'c']);
    expect(responseUrlsOf({})).toEqual([]);
    expect(responseUrlsOf(undefined)).toEqual([]);
  });
});
