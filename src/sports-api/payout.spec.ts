import { combinedOdds, parlayPayout, roundToCents, singlePayout } from './payout';

describe('payout maths', () => {
  it('pays stake × odd on a single bet', () => {
    expect(singlePayout(100, 1.95)).toEqual({ stake: 100, odd: 1.95, returns: 195, profit: 95 });
    expect(singlePayout(50, 2.1)).toEqual({ stake: 50, odd: 2.1, returns: 105, profit: 55 });
  });

  it('is exact where floats are not (0.1 × 3, 1.1 × 1.1, 0.29 × 100)', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(singlePayout(0.1, 3).returns).toBe(0.3);
    expect(singlePayout(0.29, 100).returns).toBe(29);
    expect(singlePayout(10.1, 1.1)).toEqual({ stake: 10.1, odd: 1.1, returns: 11.11, profit: 1.01 });
    expect(singlePayout(33.33, 3)).toMatchObject({ returns: 99.99, profit: 66.66 });
  });

  it('rounds half up to the cent', () => {
    // 1.15 × 2.5 = 2.875 → 2.88; 10 × 1.005 = 10.05
    expect(singlePayout(1.15, 2.5).returns).toBe(2.88);
    expect(singlePayout(10, 1.005).returns).toBe(10.05);
    expect(roundToCents(1.005)).toBe(1.01);
    expect(roundToCents(2.675)).toBe(2.68);
  });

  it('multiplies parlay odds and pays stake × product', () => {
    expect(combinedOdds([1.95, 1.8])).toBe(3.51);
    expect(combinedOdds([1.1, 1.1, 1.1])).toBe(1.331);
    expect(parlayPayout(50, [1.95, 1.8])).toEqual({ stake: 50, odd: 3.51, returns: 175.5, profit: 125.5 });
    // 10 × 1.5 × 2.25 × 1.33 = 44.88750 → 44.89
    expect(parlayPayout(10, [1.5, 2.25, 1.33])).toEqual({
      stake: 10,
      odd: 4.48875,
      returns: 44.89,
      profit: 34.89,
    });
  });

  it('matches the recorded combo calculation (one leg at 4.0, amount 5 → 20)', () => {
    expect(parlayPayout(5, [4])).toMatchObject({ odd: 4, returns: 20 });
  });

  it('refuses impossible stakes and odds', () => {
    expect(() => singlePayout(0, 2)).toThrow(RangeError);
    expect(() => singlePayout(-5, 2)).toThrow(RangeError);
    expect(() => singlePayout(10, 0.5)).toThrow(RangeError);
    expect(() => singlePayout(Number.NaN, 2)).toThrow(RangeError);
    expect(() => parlayPayout(10, [])).toThrow(RangeError);
  });
});
