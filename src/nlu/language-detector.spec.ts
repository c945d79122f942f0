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
    // "o" is Spanish's "or" as much as Portuguese's article; "o que" is Portuguese's "what".
    ['      o empate, ¿cuánto paga?', 'es'],
    ['o que quer dizer handicap?', 'pt_br'],
  ] as const)('%s → %s', (text, expected) => {
    expect(detector.detect(text).language).toBe(expected);
  });

  it('reads "nh" as Portuguese only before a vowel: the NHL is no Portuguese', () => {
    expect(detector.detect('do you guys have the nhl', 'pt_br').language).toBe('en');
    expect(detector.detect('nhl', 'en').language).toBe('en');
    expect(detector.detect('tenho 50 pra apostar amanhã', 'en').language).toBe('pt_br');
  });

  describe('short Brazilian bets (team names arrive blanked)', () => {
    it.each([
      ['12 no         ', 'pt_br'],
      ['30 pila na     ', 'pt_br'],
      ['50 reais no       ', 'pt_br'],
      ['manda 40 no      ', 'pt_br'],
      ['bota 15 nele', 'pt_br'],
      ['e se eu colocar 20 neles?', 'pt_br'],
      // Spanish: "no más" is "just", "no me…" a negation; "10 no 20" corrects a number.
      ['ponle 10 no más al      ', 'es'],
      ['dale 10 no mas', 'es'],
    ] as const)('%s → %s', (text, expected) => {
      expect(detector.detect(text, 'en').language).toBe(expected);
    });

    it('reads a number before "no" as a stake only when something follows it', () => {
      expect(detector.detect('10 no', 'en').language).toBe('en');
      expect(detector.detect('10 no 20', 'en').language).toBe('en');
    });
  });

  it.each(['poneme 20 a      ', 'mandame 40 a       ', 'ponele 2 lucas a       ', 'meteme 30'])(
    'reads a short stake said with a voseo or tú imperative as Spanish, on an English page: %s',
    (text) => {
      expect(detector.detect(text, 'en').language).toBe('es');
    },
  );

  it('is not swayed by the words of a place name', () => {
    // "buenos", "los", "de", "sao" score as words, not inside a city's name.
    expect(detector.detect('Buenos Aires time', 'en')).toEqual({ language: 'en', evidence: 0 });
    expect(detector.detect('Los Angeles time?', 'pt_br')).toEqual({ language: 'pt_br', evidence: 0 });
    expect(detector.detect("what's the time in Rio de Janeiro", 'es').language).toBe('en');
    expect(detector.detect('I am in São Paulo right now', 'es').language).toBe('en');
    // The spelled-out copy the caller passes is read the same way.
    expect(detector.detect('Ciudad de México', 'en', 'ciudad de mexico')).toEqual({ language: 'en', evidence: 0 });
    // The words around it still count.
    expect(detector.detect('cuándo juega? estoy en Los Ángeles', 'en').language).toBe('es');
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
