import { storeKey } from '../../cache/cache-namespaces';

/**
 * Every chat state key in one place, under the app's versioned prefix. Client-supplied ids go
 * through storeKey's encoding, so two different (user, session, message) triples never share a key
 * and no id can reach into another key's suffix (`S:messages`).
 */
export const chatKeys = {
  session: (sessionId: string) => storeKey('chat', 'session', sessionId),
  messages: (sessionId: string) => storeKey('chat', 'session', sessionId, 'messages'),
  userSessions: (userId: string) => storeKey('chat', 'user', userId, 'sessions'),
  messageId: (userId: string, sessionId: string, messageId: string) => storeKey('chat', 'msgid', userId, sessionId, messageId),
  content: (sessionId: string, hash: string) => storeKey('chat', 'content', sessionId, hash),
  lock: (sessionId: string) => storeKey('chat', 'lock', sessionId),
  openSlip: (sessionId: string) => storeKey('chat', 'session', sessionId, 'slip'),
  proposal: (proposalId: string) => storeKey('bets', 'proposal', proposalId),
  confirmation: (proposalId: string) => storeKey('bets', 'confirmation', proposalId),
};
