import { startApp, type RunningApp } from './app';
import { type GeminiTestServer, startGeminiServer } from './gemini-server';
import { waitForCatalogue } from './slip-app';

/**
 * The whole app on the Gemini engine, pointed at a fresh strict local Gemini server, with the
 * embedded simulator's catalogue loaded (so team names in messages resolve).
 */
export async function startGeminiApp(apiKey: string): Promise<{ server: GeminiTestServer; running: RunningApp }> {
  const server = await startGeminiServer();
  const running = await startApp({
    LLM_PROVIDER: 'gemini',
    GOOGLE_API_KEY: apiKey,
    GEMINI_MODEL: 'gemini-2.5-flash',
    GEMINI_BASE_URL: server.url,
  });
  await waitForCatalogue(running);
  return { server, running };
}
