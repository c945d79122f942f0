import type { BaseMessage } from '@langchain/core/messages';
import type { Language } from '../../common/protocol';
import type { StepFinish } from '../model/step-finish';
import { writeAnswer } from '../offline/answer-writer';
import { readTurn } from '../offline/conversation';

/**
 * What a turn says when the model gave no usable answer (it was blocked, cut before any text,
 * sent a call it could not form, or said nothing). The tools' results are real data the user
 * asked for, so the offline engine's writer renders them from the same messages the model saw;
 * without any, one honest sentence. Either way the turn is marked degraded.
 */
export function answerWithoutModel(messages: BaseMessage[], language: Language, finish: StepFinish): string {
  return toolResultsAnswer(messages) || (refused(finish) ? CANNOT_HELP[language] : NO_ANSWER[language]);
}

/**
 * The offline writer's answer from the turn's tool results, empty without any: what an unfinished
 * step and a grounded answer with an unreplaceable figure fall back to.
 */
export function toolResultsAnswer(messages: BaseMessage[]): string {
  const turn = readTurn(messages);
  return turn.outcomes.length > 0 ? writeAnswer(turn) : '';
}

/**
 * Said after text that the provider stopped mid-answer (output cap, safety, recitation…): the
 * user has already read it, so it stays, and the note keeps it from passing for a whole answer.
 */
export function cutShortNote(finish: StepFinish, language: Language): string {
  return finish === 'max_tokens' ? TOO_LONG[language] : STOPPED[language];
}

function refused(finish: StepFinish): boolean {
  return finish === 'safety' || finish === 'blocked_prompt' || finish === 'recitation';
}

const NO_ANSWER: Record<Language, string> = {
  en: 'I could not put an answer together this time. Could you try again?',
  es: 'No pude preparar una respuesta esta vez. ¿Puedes intentarlo de nuevo?',
  pt_br: 'Não consegui preparar uma resposta desta vez. Pode tentar de novo?',
};

const CANNOT_HELP: Record<Language, string> = {
  en: 'I cannot answer that one. I can help with matches, odds, payouts and your balance.',
  es: 'No puedo responder a eso. Puedo ayudarte con partidos, cuotas, pagos y tu saldo.',
  pt_br: 'Não posso responder a isso. Posso ajudar com jogos, odds, pagamentos e seu saldo.',
};

const TOO_LONG: Record<Language, string> = {
  en: '(The answer was cut short here. Ask me for the rest if you need it.)',
  es: '(La respuesta quedó cortada aquí. Pídeme el resto si lo necesitas.)',
  pt_br: '(A resposta foi cortada aqui. Peça o resto se precisar.)',
};

const STOPPED: Record<Language, string> = {
  en: '(This answer was stopped before it was complete.)',
  es: '(Esta respuesta se detuvo antes de estar completa.)',
  pt_br: '(Esta resposta foi interrompida antes de ficar completa.)',
};
