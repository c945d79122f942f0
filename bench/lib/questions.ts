/** A realistic mix for the offline engine: greetings, schedules, odds, fixtures, three languages. */
export const BENCH_QUESTIONS = [
  'Hello!',
  'When does Arsenal play next?',
  'What are the odds for Real Madrid?',
  '¿Cuándo juega el Barcelona?',
  'Quais são as odds do Flamengo?',
  'Show me the Premier League fixtures',
  'How much would I win betting 10 on Barcelona?',
  'What matches are on tomorrow?',
];
