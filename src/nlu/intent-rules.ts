import type { Intent } from '../common/protocol';
import { foldAccents } from '../common/text';
import { words } from './intent-features';

/**
 * The few intents a rule gets right more surely than a model: a message of greeting words
 * only, one with no words at all, and attempts to get a real bet placed (always handled as a
 * simulation: no tool places a bet).
 */
export interface RuledIntent {
  intent: Intent;
  confidence: number;
}

const GREETING_WORDS = new Set(
  `hi hii hiii hello hallo helo hey heya hiya howdy yo sup wassup whatsup what's up whats greetings morning afternoon evening good
  there bot everyone all again friend mate buddy guys folks how hows are you going doing it
  hola holi buenas buenos buen dia dias tardes noches que tal como estas onda hubo saludos amigo
  oi ola olaa opa salve bom boa tarde noite tudo bem e ai eai beleza fala`.split(/\s+/),
);
// Words that make a greeting-looking message more than a greeting ("hi, what's my balance").
const NOT_ONLY_GREETING = new Set(['what', 'how', 'que', 'como']);
const GREETING_CORE =
  /\b(?:hi+|hello+|hey+|heya|hiya|howdy|yo|sup|wassup|greetings|good (?:morning|afternoon|evening)|morning|hola|holi|buenas|buenos dias|buen dia|oi+|ola|opa|salve|bom dia|boa (?:tarde|noite)|e ai|eai|what'?s up)\b/;

const REAL_BET =
  /\b(?:place|make|put)\b[^.]*\breal\b[^.]*\bbet\b|\breal(?:-money)? bet\b|\bbet\b[^.]*\bfor real\b|\bfor real\b[^.]*\bbet\b|\bno confirmation\b|\bwithout (?:any )?confirm|\bskip (?:the )?confirm|\bwhole balance\b|\bapuesta real\b|\bde verdad\b[^.]*\bapuesta|\bapuesta\b[^.]*\bde verdad\b|\bsin confirmar\b|\btodo mi saldo\b|\baposta de verdade\b|\bde verdade\b[^.]*\baposta|\bsem confirmar\b|\bnao precisa confirmar\b|\btodo o (?:meu )?saldo\b|\bignore (?:your|all|the|previous)\b[^.]*\b(?:bet|instructions|rules)\b|\bignora (?:las|tus|as|suas)\b/;

/** `tokens` are `words(residue)`, when the caller has them already. */
export function ruleIntent(
  text: string,
  residue: string,
  hasEntities: boolean,
  tokens: string[] = words(residue),
): RuledIntent | undefined {
  if (!/[\p{L}\p{N}]/u.test(text)) return { intent: 'UNCLEAR', confidence: 0.95 };
  const folded = foldAccents(text);
  if (REAL_BET.test(folded)) return { intent: 'BET_SIMULATION', confidence: 0.95 };
  const greetingOnly =
    !hasEntities &&
    tokens.length > 0 &&
    tokens.length <= 6 &&
    tokens.every((t) => GREETING_WORDS.has(t)) &&
    GREETING_CORE.test(folded) &&
    !(
      tokens.length > 2 &&
      tokens.some((t) => NOT_ONLY_GREETING.has(t)) &&
      !/\b(?:que tal|como estas|como vai|how are you|hows it going|how is it going|whats up|what's up)\b/.test(
        folded,
      )
    );
  if (greetingOnly) return { intent: 'GREETING', confidence: 0.97 };
  // Elongated greetings: "heeey", "holaaaa", "oiiii".
  if (!hasEntities && tokens.length === 1 && /^(?:he+y+|hi+|hel+o+|hola+|oi+|ola+)$/.test(tokens[0]))
    return { intent: 'GREETING', confidence: 0.95 };
  return undefined;
}
