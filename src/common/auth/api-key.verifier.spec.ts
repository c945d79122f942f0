import { ApiKeyVerifier } from './api-key.verifier';

const verifier = (apiKeys: string[]) => new ApiKeyVerifier({ apiKeys } as never);

describe('ApiKeyVerifier', () => {
  it('accepts everyone when no keys are configured', () => {
    expect(verifier([]).required).toBe(false);
    expect(verifier([]).accepts(undefined)).toBe(true);
  });

  it('accepts only configured keys, whatever their length', () => {
    const v = verifier(['short', 'a-much-longer-secret-key']);
    expect(v.accepts('short')).toBe(true);
    expect(v.accepts('a-much-longer-secret-key')).toBe(true);
    for (const wrong of ['', 'shor', 'short ', 'SHORT', undefined, 42, ['short']]) expect(v.accepts(wrong)).toBe(false);
  });
});
