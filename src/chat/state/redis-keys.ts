import { KEY_PREFIX } from '../../cache/cache-namespaces';

/** Every chat state key in one place, under the app's versioned prefix. */
export const chatKeys = {
  session: (sessionId: string) => `${KEY_PREFIX}:chat:session:${sessionId}`,
  messages: (sessionId: string) => `${KEY_PREFIX}:chat:session:${sessionId}:messages`,
  userSessions: (userId: string) => `${KEY_PREFIX}:chat:user:${userId}:sessions`,
  messageId: (userId: string, sessionId: string, messageId: string) =>
    `${KEY_PREFIX}:chat:msgid:${userId}:${sessionId}:${messageId}`,
  content: (sessionId: string, hash: string) => `${KEY_PREFIX}:chat:content:${sessionId}:${hash}`,
  lock: (sessionId: string) => `${KEY_PREFIX}:chat:lock:${sessionId}`,
  openSlip: (sessionId: string) => `${KEY_PREFIX}:chat:session:${sessionId}:slip`,
  proposal: (proposalId: string) => `${KEY_PREFIX}:bets:proposal:${proposalId}`,
  confirmation: (proposalId: string) => `${KEY_PREFIX}:bets:confirmation:${proposalId}`,
};
