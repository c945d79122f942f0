import type { ErrorCode } from './error-codes';

export type Language = 'en' | 'es' | 'pt_br';

/** One human sentence per error code and language; clients may show them as they are. */
const MESSAGES: Record<ErrorCode, Record<Language, string>> = {
  INVALID_MESSAGE: {
    en: 'The request is not valid. Please check the message and try again.',
    es: 'La solicitud no es válida. Revisa el mensaje e inténtalo de nuevo.',
    pt_br: 'A solicitação não é válida. Verifique a mensagem e tente novamente.',
  },
  MESSAGE_TOO_LONG: {
    en: 'The message is too long. Please shorten it and try again.',
    es: 'El mensaje es demasiado largo. Acórtalo e inténtalo de nuevo.',
    pt_br: 'A mensagem é longa demais. Encurte-a e tente novamente.',
  },
  UNAUTHORIZED: {
    en: 'A valid API key or user token is required.',
    es: 'Se requiere una clave de API o un token de usuario válido.',
    pt_br: 'É necessária uma chave de API ou um token de usuário válido.',
  },
  FORBIDDEN: {
    en: 'You can only act for your own account.',
    es: 'Solo puedes actuar en nombre de tu propia cuenta.',
    pt_br: 'Você só pode agir em nome da sua própria conta.',
  },
  RATE_LIMITED: {
    en: 'Too many requests. Please wait a moment and try again.',
    es: 'Demasiadas solicitudes. Espera un momento e inténtalo de nuevo.',
    pt_br: 'Solicitações demais. Aguarde um momento e tente novamente.',
  },
  SESSION_BUSY: {
    en: 'I am still answering your previous message in this conversation. Please wait for it to finish.',
    es: 'Todavía estoy respondiendo tu mensaje anterior en esta conversación. Espera a que termine.',
    pt_br: 'Ainda estou respondendo à sua mensagem anterior nesta conversa. Aguarde terminar.',
  },
  SESSION_TAKEN_OVER: {
    en: 'This conversation was opened in another window or device.',
    es: 'Esta conversación se abrió en otra ventana o dispositivo.',
    pt_br: 'Esta conversa foi aberta em outra janela ou dispositivo.',
  },
  DUPLICATE_MESSAGE: {
    en: 'That message was just sent; the duplicate was ignored.',
    es: 'Ese mensaje se acaba de enviar; se ignoró el duplicado.',
    pt_br: 'Essa mensagem acabou de ser enviada; a duplicata foi ignorada.',
  },
  NOT_FOUND: {
    en: 'Not found.',
    es: 'No encontrado.',
    pt_br: 'Não encontrado.',
  },
  SPORTS_API_UNAVAILABLE: {
    en: 'Live sports data is unavailable right now. Please try again in a moment.',
    es: 'Los datos deportivos en vivo no están disponibles ahora. Inténtalo de nuevo en un momento.',
    pt_br: 'Os dados esportivos ao vivo estão indisponíveis agora. Tente novamente em instantes.',
  },
  LLM_UNAVAILABLE: {
    en: 'The assistant is unavailable right now. Please try again in a moment.',
    es: 'El asistente no está disponible ahora. Inténtalo de nuevo en un momento.',
    pt_br: 'O assistente está indisponível agora. Tente novamente em instantes.',
  },
  LLM_TIMEOUT: {
    en: 'The assistant took too long to answer. Please try again.',
    es: 'El asistente tardó demasiado en responder. Inténtalo de nuevo.',
    pt_br: 'O assistente demorou demais para responder. Tente novamente.',
  },
  PROPOSAL_EXPIRED: {
    en: 'This bet proposal has expired. Ask me again for fresh odds.',
    es: 'Esta propuesta de apuesta expiró. Pídeme de nuevo cuotas actualizadas.',
    pt_br: 'Esta proposta de aposta expirou. Peça novamente odds atualizadas.',
  },
  PROPOSAL_WITHDRAWN: {
    en: 'This bet slip was changed or cancelled in the chat, so it can no longer be placed. Nothing was charged.',
    es: 'Este boleto se cambió o se canceló en el chat, así que ya no se puede confirmar. No se cobró nada.',
    pt_br: 'Este bilhete foi alterado ou cancelado no chat e não pode mais ser confirmado. Nada foi cobrado.',
  },
  PRICE_CHANGED: {
    en: 'The odds moved since this slip was offered, so it was not placed and nothing was charged. Here is the slip at the new odds.',
    es: 'Las cuotas cambiaron desde que se ofreció este boleto, así que no se colocó y no se cobró nada. Aquí está el boleto con las cuotas nuevas.',
    pt_br: 'As odds mudaram desde que este bilhete foi oferecido, então ele não foi feito e nada foi cobrado. Aqui está o bilhete com as novas odds.',
  },
  INSUFFICIENT_BALANCE: {
    en: 'Your balance is not enough for this stake.',
    es: 'Tu saldo no alcanza para este monto.',
    pt_br: 'Seu saldo não é suficiente para este valor.',
  },
  BET_REJECTED: {
    en: 'The sportsbook rejected this bet. No money was taken.',
    es: 'La casa de apuestas rechazó esta apuesta. No se descontó dinero.',
    pt_br: 'A casa de apostas rejeitou esta aposta. Nenhum valor foi debitado.',
  },
  SUBSCRIPTION_LIMIT: {
    en: 'You are following too many matches at once. Unsubscribe from some and try again.',
    es: 'Estás siguiendo demasiados partidos a la vez. Cancela algunas suscripciones e inténtalo de nuevo.',
    pt_br: 'Você está acompanhando partidas demais ao mesmo tempo. Cancele algumas inscrições e tente novamente.',
  },
  INTERNAL_ERROR: {
    en: 'Something went wrong on our side. Please try again.',
    es: 'Algo salió mal de nuestro lado. Inténtalo de nuevo.',
    pt_br: 'Algo deu errado do nosso lado. Tente novamente.',
  },
};

export function errorMessage(code: ErrorCode, language: Language = 'en'): string {
  return MESSAGES[code][language] ?? MESSAGES[code].en;
}
