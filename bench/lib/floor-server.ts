import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The floor: a bare Socket.IO server on /chat that acks each user_message and answers with one
 * final assistant_response. Whatever the service costs beyond this is our own overhead.
 */
export async function startFloorServer(): Promise<{ url: string; close(): Promise<void> }> {
  const http: HttpServer = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  io.of('/chat').on('connection', (socket) => {
    const sessionId = String((socket.handshake.auth as { session_id?: string }).session_id ?? socket.id);
    socket.on('user_message', (payload: { content: string; message_id: string }, ack?: (a: unknown) => void) => {
      ack?.({ accepted: true, message_id: payload.message_id, session_id: sessionId });
      socket.emit('assistant_response', {
        type: 'assistant_response',
        session_id: sessionId,
        message_id: payload.message_id,
        content: `echo: ${payload.content}`,
        is_final: true,
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => io.close(),
  };
}
