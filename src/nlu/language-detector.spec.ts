import { LanguageDetector } from './language-detector';

describe('LanguageDetector', () => {
  const detector = new LanguageDetector();

  it.each([
    ['¿saldo?', 'es'],
    ['hola', 'es'],
    ['no tengo idea', 'es'],
    ['muy buenas noches', 'es'],
    ['¿A qué hora juega el mañana?', 'es'],
    ['cuánto paga el empate', 'es'],
    ['jajaja', 'es'],
    ['oi', 'pt_br'],
    ['odd do ', 'pt_br'],
    ['oi, como vai?', 'pt_br'],
    ['quanto tenho de saldo?', 'pt_br'],
    ['quanto paga o empate no jogo?', 'pt_br'],
    ['kkkkkkkkkk', 'pt_br'],
    ['não precisa confirmar', 'pt_br'],
    ['bet on ', 'en'],
    ['what are the odds', 'en'],
    ['help me', 'en'],
    ['how much money have I got left?', 'en'],
    // Team names arrive blanked: "odds de Grêmio x Inter".
    ['odds de        x      ', 'pt_br'],
    ['cotação     x     amanhã', 'pt_br'],
    ['odds for        vs      ', 'en'],
    ['cuotas de       vs       ', 'es'],
  ] as const)('%s → %s', (text, expected) => {
    expect(detector.detect(text).language).toBe(expected);
  });

  it('keeps the session language when a message gives no evidence', () => {
    expect(detector.detect('👍', 'pt_br')).toEqual({ language: 'pt_br', evidence: 0 });
    expect(detector.detect('ok', 'es').language).toBe('es');
    expect(detector.detect('?!?').language).toBe('en');
  });

  it('scores whole words only: a listed word inside a longer one, or cut short, says nothing', () => {
    expect(detector.detect("who's there", 'es')).toEqual({ language: 'en', evidence: 3 });
    expect(detector.detect('thee th thereabouts', 'es')).toEqual({ language: 'es', evidence: 0 });
    expect(detector.detect('el-partido,hoy', 'en')).toEqual({ language: 'es', evidence: 6 });
    // Letters stretched for emphasis count as the word ("holaaa" is "hola").
    expect(detector.detect('holaaa', 'en')).toEqual({ language: 'es', evidence: 2 });
  });

  it('reads the spellings a language owns in plain ASCII and in any case', () => {
    expect(detector.detect('NACIONES', 'en')).toEqual({ language: 'es', evidence: 3 });
    expect(detector.detect('MINHA', 'en')).toEqual({ language: 'pt_br', evidence: 5 });
    // A shared accent is a point to Spanish and to Portuguese: a tie, the first of them.
    expect(detector.detect('ÉXITO', 'en')).toEqual({ language: 'es', evidence: 0 });
  });

  it('reports how clear the evidence was', () => {
    expect(detector.detect('¿Cuánta plata me queda en la cuenta?').evidence).toBeGreaterThan(
      detector.detect('hola').evidence,
    );
  });
});
