import { shutdownBudget } from './shutdown-budget';

describe('shutdownBudget', () => {
  it('spends exactly the grace, most of it on running turns', () => {
    for (const grace of [0, 1, 1500, 10_000, 600_000]) {
      const budget = shutdownBudget(grace);
      expect(budget.runningTurnsMs + budget.stoppedFinalsMs + budget.connectionsMs).toBe(grace);
      expect(budget.runningTurnsMs).toBeGreaterThanOrEqual(budget.stoppedFinalsMs);
      expect(budget.runningTurnsMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('caps the closing phases so a long grace goes to the turns', () => {
    expect(shutdownBudget(10_000)).toEqual({ runningTurnsMs: 7000, stoppedFinalsMs: 2000, connectionsMs: 1000 });
    expect(shutdownBudget(1500)).toEqual({ runningTurnsMs: 750, stoppedFinalsMs: 375, connectionsMs: 375 });
  });
});
