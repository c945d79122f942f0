import { extractFigures, isGrounded } from './groundedness';

const odds = JSON.stringify({
  markets: [
    {
      market: 'result',
      selections: [{ outcome: 'home', odd: 1.9, implied_probability_pct: 52.6 }],
      margin_pct: 5.3,
    },
  ],
  payout_examples: [{ stake: 100, returns: 190, profit: 90 }],
});

describe('isGrounded', () => {
  it('accepts prices and amounts that appear in the tool results, whatever their formatting', () => {
    const answer =
      'Barcelona 1.90 (52.6% implied), margin 5.3%. A $100.00 stake returns $190.00 (profit $90.00).';
    expect(isGrounded(answer, [odds], 'odds for barca?')).toEqual({ grounded: true, ungrounded: [] });
  });

  it('flags an odd or an amount no source backs', () => {
    const answer = 'Barcelona 1.95 — a $100 stake returns $195.00.';
    const report = isGrounded(answer, [odds], 'odds for barca?');
    expect(report.grounded).toBe(false);
    expect(report.ungrounded).toEqual(['1.95', '$195.00']);
  });

  it('accepts amounts taken from the user message', () => {
    const payout = JSON.stringify({
      stake: 50,
      odds: [2.1],
      combined_odd: 2.1,
      potential_return: 105,
      profit: 55,
    });
    expect(
      isGrounded('With R$50 at 2.10 you get R$105.00.', [payout], 'quanto ganho com R$50?').grounded,
    ).toBe(true);
    expect(isGrounded('Stake 75 USD at 2.10.', [payout], 'I have 75 USD').grounded).toBe(true);
  });

  it('understands thousands separators and decimal commas', () => {
    const balance = JSON.stringify({ balance: 1250.5, currency: 'USD' });
    expect(isGrounded('Your balance is $1,250.50.', [balance], 'my balance?').grounded).toBe(true);
    expect(isGrounded('Cuota 1,90.', [odds], 'cuotas').grounded).toBe(true);
    expect(isGrounded('Your balance is $1,350.50.', [balance], 'my balance?').ungrounded).toEqual(['$1,350.50']);
  });

  it('reads money written with thousands points and a decimal comma (es, pt_br)', () => {
    const balance = JSON.stringify({ balance: 1250.5, currency: 'USD' });
    expect(isGrounded('Tu saldo es $1.250,50.', [balance], 'saldo').grounded).toBe(true);
    expect(isGrounded('Seu saldo é R$ 1.350,50.', [balance], 'saldo').ungrounded).toEqual(['R$ 1.350,50']);
  });

  it('ignores dates, times and plain counts', () => {
    expect(extractFigures('Sat 29 Nov, 20:00 UTC — 3 matches, 2026-11-29, 29/11')).toEqual([]);
    expect(isGrounded('There are 12 tournaments; kick-off 18:30 UTC.', [], 'what leagues?').grounded).toBe(
      true,
    );
  });

  it('reads percentages and over/under lines as figures', () => {
    expect(extractFigures('Over 2.5 at 1.85 (54.1%)').map((f) => f.value)).toEqual([2.5, 1.85, 54.1]);
  });
});
