import { InvalidMessageError } from '../common/errors';
import { parsePayload } from './parse-payload';
import { HistoryPayload, UserMessagePayload } from './socket-payloads';

function refusal(schema: typeof UserMessagePayload | typeof HistoryPayload, payload: unknown) {
  try {
    parsePayload(schema, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMessageError);
    return (error as InvalidMessageError).details;
  }
  throw new Error('the payload was accepted');
}

describe('parsePayload', () => {
  it('returns a valid payload, ignoring the original clients’ type and timestamp', () => {
    const payload = { type: 'user_message', timestamp: 123, content: 'odds?', message_id: 'm-1', language: 'es' };
    expect(parsePayload(UserMessagePayload, payload)).toEqual(payload);
  });

  it('names every bad field, and every unknown one', () => {
    expect(refusal(UserMessagePayload, { content: 5, message_id: 'bad id!', admin: true, role: 'x' })).toEqual({
      fields: {
        content: ['must be a string'],
        message_id: ['must be 1..128 of [A-Za-z0-9_.:-]'],
        admin: ['is not an accepted field'],
        role: ['is not an accepted field'],
      },
    });
    expect(refusal(UserMessagePayload, { content: 'hi', language: 'fr' })).toEqual({
      fields: { language: ['must be one of en, es, pt_br'] },
    });
    expect(refusal(UserMessagePayload, { content: 'hi', timezone: 'Mars/Olympus' })).toEqual({
      fields: { timezone: ['must be an IANA time zone, e.g. America/Bogota'] },
    });
    expect(parsePayload(UserMessagePayload, { content: 'hi', timezone: 'America/Sao_Paulo' })).toMatchObject({
      timezone: 'America/Sao_Paulo',
    });
    expect(refusal(HistoryPayload, { limit: 2.5 })).toEqual({ fields: { limit: ['must be an integer'] } });
    expect(refusal(HistoryPayload, { limit: 500 })).toMatchObject({ fields: { limit: [expect.any(String)] } });
  });

  it('names fields called like Object.prototype members as plain unknown fields', () => {
    const payload: unknown = JSON.parse('{"content":"hi","__proto__":1,"constructor":2,"hasOwnProperty":3}');
    const details = refusal(UserMessagePayload, payload);
    const refused = '["is not an accepted field"]';
    expect(JSON.stringify(details)).toBe(
      `{"fields":{"__proto__":${refused},"constructor":${refused},"hasOwnProperty":${refused}}}`,
    );
  });

  it('refuses what is not a JSON object', () => {
    for (const payload of [null, 'hi', 42, ['content']]) {
      expect(() => parsePayload(UserMessagePayload, payload)).toThrow('The payload must be a JSON object.');
    }
  });
});
