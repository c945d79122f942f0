import { createServer, type Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';

/**
 * What the floor answers with:
 * - `one`: the ack and one final assistant_response — the bare Socket.IO floor of the issue;
 * - `streamed`: the frames protocol.md §3 has a streamed answer send — the ack, a tool call
 *   started and finished, six 48-character deltas and a final carrying a ChatResponse's fields,
 *   all in one tick (the cheapest way to send them). The floor any service speaking the protocol
 *   pays, model and pipeline aside.
 */
export type FloorFrames = 'one' | 'streamed';

const DELTA = 'Real Madrid vs Barcelona, Sat 28 Nov 20:00 UTC: ';
const ANSWER = DELTA.repeat(6);

/**
 * The floor: a bare Socket.IO server on /chat that acks each user_message and answers it without
 * any work. Whatever the service costs beyond this is our own overhead.
 */
export async function startFloorServer(frames: FloorFrames = 'one'): Promise<{ url: string; close(): Promise<void> }> {
  const http: HttpServer = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  io.of('/chat').on('connection', (socket) => {
    const sessionId = String((socket.handshake.auth as { session_id?: string }).session_id ?? socket.id);
    socket.on('user_message', (payload: { content: string; message_id: string }, ack?: (a: unknown) => void) => {
      ack?.({ accepted: true, message_id: payload.message_id, session_id: sessionId });
      const ids = { session_id: sessionId, message_id: payload.message_id };
      if (frames === 'streamed') sendStreamedAnswer(socket, ids);
      else socket.emit('assistant_response', { type: 'assistant_response', ...ids, content: `echo: ${payload.content}`, is_final: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => io.close(),
  };
}

function sendStreamedAnswer(socket: Socket, ids: { session_id: string; message_id: string }): void {
  const call = { name: 'get_odds', arguments: { team: 'Real Madrid' } };
  socket.emit('tool_call', { type: 'tool_call', ...ids, ...call, status: 'started' });
  socket.emit('tool_call', { type: 'tool_call', ...ids, ...call, status: 'ok', duration_ms: 1 });
  for (let index = 0; index < 6; index++) {
    socket.emit('assistant_response', { type: 'assistant_response', ...ids, is_final: false, content: DELTA, index });
  }
  socket.emit('assistant_response', {
    type: 'assistant_response',
    ...ids,
    is_final: true,
    content: ANSWER,
    detected_intent: 'ODDS_INQUIRY',
    intent_confidence: 0.9,
    entities: { teams: ['Real Madrid'], tournaments: [], dates: [], amounts: [], markets: [] },
    function_calls: [call.name],
    function_calls_made: [{ ...call, status: 'ok', duration_ms: 1 }],
    suggested_actions: ['Bet 10 on Real Madrid', 'Show other markets'],
    language: 'en',
    response_time_ms: 1,
    token_count: 120,
  });
}
