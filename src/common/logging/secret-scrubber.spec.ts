import { redactUrlPasswords, SecretScrubber } from './secret-scrubber';

describe('SecretScrubber', () => {
  const scrubber = new SecretScrubber(['sk-live-123456', 'AIzaSyFAKEKEY0001']);

  it('replaces configured secrets inside strings', () => {
    expect(scrubber.scrub('key=AIzaSyFAKEKEY0001 used')).toBe('key=[REDACTED] used');
  });

  it('redacts secret-looking query parameters even when not configured', () => {
    expect(scrubber.scrub('/ws/chat?api_key=whatever&user_id=u1')).toBe('/ws/chat?api_key=[REDACTED]&user_id=u1');
  });

  it('redacts nested objects and errors without touching clean values', () => {
    const clean = { a: 1 };
    const [obj, err, same] = scrubber.scrubArgs([
      { headers: { auth: 'sk-live-123456' } },
      new Error('bad key sk-live-123456'),
      clean,
    ]) as [Record<string, any>, Error, unknown];
    expect(obj.headers.auth).toBe('[REDACTED]');
    expect(err.message).toBe('bad key [REDACTED]');
    expect(same).toBe(clean);
  });

  it('masks the password of any URL, configured or not', () => {
    expect(redactUrlPasswords('connect redis://:hunter2@cache:6379/0 failed')).toBe('connect redis://:[REDACTED]@cache:6379/0 failed');
    expect(redactUrlPasswords('rediss://app:p%40ss@cache.internal')).toBe('rediss://app:[REDACTED]@cache.internal');
    expect(redactUrlPasswords('http://user@host/x and http://host:80/a:b@c')).toBe('http://user@host/x and http://host:80/a:b@c');
    expect(scrubber.scrub('redis://default:s3cret@host')).toBe('redis://default:[REDACTED]@host');
  });
});
