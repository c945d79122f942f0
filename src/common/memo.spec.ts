import { memoizeByObject } from './memo';

describe('memoizeByObject', () => {
  it('computes once per key object, undefined results included', () => {
    const compute = jest.fn((key: { n: number }) => (key.n > 0 ? key.n * 2 : undefined));
    const memo = memoizeByObject(compute);
    const a = { n: 2 };
    const b = { n: 0 };
    expect([memo(a), memo(a), memo(b), memo(b)]).toEqual([4, 4, undefined, undefined]);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(memo({ n: 2 })).toBe(4);
    expect(compute).toHaveBeenCalledTimes(3);
  });
});
